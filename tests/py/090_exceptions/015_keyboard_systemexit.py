# catching SystemExit and KeyboardInterrupt explicitly, Exception does not catch them
for exc in [SystemExit(2), KeyboardInterrupt(), GeneratorExit()]:
    try:
        try:
            raise exc
        except Exception:
            print("Exception caught it (wrong)")
    except BaseException as e:
        print("BaseException caught", type(e).__name__, e.args)
import sys
try:
    sys.exit("message")
except SystemExit as e:
    print("exit code", repr(e.code))
try:
    sys.exit()
except SystemExit as e:
    print("exit code", repr(e.code))
