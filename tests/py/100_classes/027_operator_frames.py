# Operator methods of Python classes run as frames in the loop: forward, reflected,
# subclass-first reflected, in-place with fallback, NotImplemented and errors.
class V:
    def __init__(self, x): self.x = x
    def __add__(self, o):
        if isinstance(o, V): return V(self.x + o.x)
        if isinstance(o, int): return V(self.x + o)
        return NotImplemented
    def __radd__(self, o): return V(o + self.x + 1000)
    def __iadd__(self, o):
        if isinstance(o, str): return NotImplemented
        self.x += 1; return self
    def __repr__(self): return f"V({self.x})"
class W(V):
    def __radd__(self, o): return "W.radd"
print(V(1) + V(2), V(1) + 5, 5 + V(1), V(1) + W(2))
v = V(1); v += 3; print(v)
try:
    v += "s"
except TypeError as e: print(e)
try: V(1) - V(2)
except TypeError as e: print(e)
try: V(1) + "x"
except TypeError as e: print(e)
class E:
    def __mul__(self, o): raise ValueError("boom")
try: E() * 2
except ValueError as e: print("VE", e)
import sys
sys.setrecursionlimit(10000)
class Deep:
    def __init__(self, n): self.n = n
    def __add__(self, o):
        return Deep(0) if self.n == 0 else Deep(self.n - 1) + o
print((Deep(5000) + 1).n)
