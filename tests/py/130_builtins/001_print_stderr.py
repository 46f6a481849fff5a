# print with sep/end/file=sys.stderr; stdout and stderr are captured separately
import sys
print("to stdout")
print("to stderr", 1, 2, sep=":", file=sys.stderr)
print("no newline", end="", file=sys.stderr)
print(file=sys.stderr)
sys.stderr.write("direct write\n")
print("back to stdout", file=sys.stdout)
print("file=None means stdout", file=None)
try:
    print("x", sep=5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    print("x", file=42)
except AttributeError as e:
    print(type(e).__name__, e)
