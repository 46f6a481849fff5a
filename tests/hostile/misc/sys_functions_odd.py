# misc: sys functions with odd arguments (recursion limits, intern, getsizeof, exc_info, exit codes caught)
import sys
for f in (lambda: sys.setrecursionlimit(0), lambda: sys.setrecursionlimit(-1), lambda: sys.setrecursionlimit(2**63),
          lambda: sys.setrecursionlimit(1.5), lambda: sys.setrecursionlimit("x"), lambda: sys.intern(5),
          lambda: sys.intern(str("a") + "b"), lambda: sys.getsizeof([1] * 10), lambda: sys.getsizeof(5, 6, 7),
          lambda: sys.exit(2**100), lambda: sys.exit([1]), lambda: sys.exc_info(), lambda: sys.getrecursionlimit(1)):
    try:
        f()
    except (ValueError, TypeError, OverflowError, SystemExit, AttributeError, RecursionError):
        pass
old = sys.getrecursionlimit()
sys.setrecursionlimit(50)
def r(n):
    return r(n + 1) if n < 10**6 else n
try:
    r(0)
except RecursionError:
    pass
sys.setrecursionlimit(old)
print(sys.getrecursionlimit() == old)
