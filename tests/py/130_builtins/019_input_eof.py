# input() with stdin from /dev/null raises EOFError; sys.stdin.read returns ''
import sys
try:
    input()
except EOFError as e:
    print(type(e).__name__, repr(str(e)))
print(repr(sys.stdin.read()), repr(sys.stdin.readline()))
