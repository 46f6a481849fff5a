# sys.exit(False) exits with status 0 and prints nothing; SystemExit's code/args as caught
import sys

for make in [lambda: sys.exit(), lambda: sys.exit(None), lambda: sys.exit(False), lambda: sys.exit(3),
             lambda: sys.exit((5,)), lambda: sys.exit((5, 6)), lambda: sys.exit(()), lambda: sys.exit([1]),
             lambda: SystemExit(), lambda: SystemExit(1, 2), lambda: SystemExit(None)]:
    try:
        r = make()
        if isinstance(r, SystemExit):
            raise r
    except SystemExit as e:
        print(repr(e.code), e.args)
for bad in [lambda: sys.exit(1, 2), lambda: sys.exit(status=3), lambda: SystemExit(code=3)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
print("exiting")
sys.exit(False)
