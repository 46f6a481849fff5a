# with the default limit (1000), recursion of depth 1001+ raises RecursionError which is caught; recovery works
import sys
print(sys.getrecursionlimit())
deepest = 0
def dive(n):
    global deepest
    deepest = n
    return dive(n + 1) + 1
try:
    dive(1)
except RecursionError as e:
    print(type(e).__name__, e)
print(900 < deepest <= 1000)
def ok(n):
    return 0 if n == 0 else 1 + ok(n - 1)
print(ok(900))
try:
    ok(1001)
except RecursionError as e:
    print("depth 1001:", type(e).__name__)
for attempt in range(3):
    try:
        dive(1)
    except RecursionError:
        print("caught again", attempt)
print(ok(500))
