# Property getters run as frames; an AttributeError from a property reaches __getattr__;
# a missing getter; deep recursion through a property.
class A:
    def __init__(self, x): self._x = x
    @property
    def x(self): return self._x * 2
    @property
    def bad(self): raise AttributeError("inner")
    @property
    def deep(self): return self.x if self._x == 0 else A(self._x - 1).deep
    nog = property()
class G(A):
    def __getattr__(self, n): return "getattr:" + n
print(A(3).x, G(3).x, G(1).bad)
try: A(1).bad
except AttributeError as e: print("AE", e)
try: A(1).nog
except AttributeError as e: print("AE", e)
import sys; sys.setrecursionlimit(20000)
print(A(5000).deep)
