# sys.exit(None) and sys.exit(()) caught then re-raised: status 0, nothing printed
import sys

try:
    sys.exit(())
except SystemExit as e:
    print("caught", e.code, e.args)
print("leaving")
sys.exit(None)
