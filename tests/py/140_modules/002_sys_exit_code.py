# sys.exit with an integer code: output so far is flushed, finally blocks run, exit status 3
import sys
print("before exit")
try:
    sys.exit(3)
finally:
    print("finally runs")
print("not reached")
