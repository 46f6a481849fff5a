# stdout output before an uncaught exception is kept; stderr has prints and the traceback
import sys
print("line 1 to stdout")
print("line to stderr", file=sys.stderr)
for i in range(3):
    print("loop", i)
assert i == 5, f"i was {i}"
