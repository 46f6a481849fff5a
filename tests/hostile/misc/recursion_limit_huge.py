# misc: a huge recursion limit, then deep Python recursion and deep native re-entry (must not crash the C stack)
import sys
sys.setrecursionlimit(10**7)
def f(n):
    return 0 if n == 0 else 1 + f(n - 1)
print(f(200000))
class K:
    def __init__(self, n):
        self.n = n
    def __lt__(self, other):
        # native sorted() calls back into Python, which calls sorted() again
        if self.n > 0:
            sorted([K(self.n - 1), K(self.n - 1)])
        return True
try:
    sorted([K(100000), K(100000)])
except RecursionError:
    pass
def g(n):
    return len(repr([g(n - 1)])) if n else 0
try:
    g(100000)
except RecursionError:
    pass
