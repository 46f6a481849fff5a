# in-place operator dunders, fallback to binary ops, unary dunders, abs/int/float/index/round
class Acc:
    def __init__(self, v):
        self.v = v
    def __iadd__(self, o):
        self.v += o
        return self
    def __isub__(self, o):
        self.v -= o
        return self
    def __imul__(self, o):
        return Acc(self.v * o)
    def __add__(self, o):
        return Acc(self.v + o + 1000)
    def __repr__(self):
        return f"Acc({self.v})"
a = Acc(1)
b = a
a += 5
print(a, a is b)
a -= 1
print(a, a is b)
a *= 3
print(a, a is b)
class NoInplace:
    def __init__(self, v): self.v = v
    def __add__(self, o): return NoInplace(self.v + o)
    def __repr__(self): return f"N({self.v})"
n = NoInplace(1)
m = n
n += 1
print(n, m, n is m)
class U:
    def __neg__(self): return "neg"
    def __pos__(self): return "pos"
    def __invert__(self): return "inv"
    def __abs__(self): return "abs"
    def __int__(self): return 42
    def __float__(self): return 2.5
    def __index__(self): return 7
    def __round__(self, n=None): return ("round", n)
    def __trunc__(self): return "trunc"
    def __floor__(self): return "floor"
    def __ceil__(self): return "ceil"
u = U()
import math
print(-u, +u, ~u, abs(u), int(u), float(u), round(u), round(u, 2), math.trunc(u), math.floor(u), math.ceil(u))
print([10, 20, 30, 40, 50, 60, 70, 80][u], hex(u), bin(u), range(10)[u])
ops = ["__ipow__", "__ifloordiv__", "__itruediv__", "__imod__", "__ilshift__", "__irshift__", "__iand__", "__ior__", "__ixor__", "__imatmul__"]
class All:
    pass
for name in ops:
    setattr(All, name, lambda self, o, name=name: name)
x = All(); x **= 1; print(x)
x = All(); x //= 1; print(x)
x = All(); x /= 1; print(x)
x = All(); x %= 1; print(x)
x = All(); x <<= 1; print(x)
x = All(); x >>= 1; print(x)
x = All(); x &= 1; print(x)
x = All(); x |= 1; print(x)
x = All(); x ^= 1; print(x)
x = All(); x @= 1; print(x)
