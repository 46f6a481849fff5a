# int()/float()/index()/math.floor/ceil/trunc through special methods that are descriptors but not functions (bound first, as CPython's lookup_maybe_method)
import math
class D:
    def __init__(self, f): self.f = f
    def __get__(self, obj, t=None): return lambda *a: self.f(obj, *a)
class X:
    __int__ = D(lambda s: 7)
    __index__ = D(lambda s: 8)
    __float__ = D(lambda s: 2.5)
    __trunc__ = D(lambda s: 9)
    __floor__ = D(lambda s: 10)
    __ceil__ = D(lambda s: 11)
class Y:
    __trunc__ = D(lambda s: 12)
class F:
    __float__ = D(lambda s: 1.5)
x = X()
print(int(x), float(x), math.floor(x), math.ceil(x), math.trunc(x), [1, 2, 3, 4, 5, 6, 7, 8, 9][x], hex(x))
import warnings
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    print(int(Y()), math.trunc(Y()))
print(float(F()), math.sqrt(F()))

# Static and class methods as special methods.
class S:
    __index__ = staticmethod(lambda: 3)
    @classmethod
    def __float__(cls): return 0.25
print(bin(S()), float(S()), range(10)[S()])

# Bad results keep CPython's messages.
class Bad:
    __int__ = D(lambda s: "no")
    __float__ = D(lambda s: 1)
for f in (int, float):
    try:
        f(Bad())
    except TypeError as e:
        print(f.__name__, "TypeError:", e)

# unittest.mock's MagicMock configures its magic methods with such descriptors.
from unittest.mock import MagicMock
m = MagicMock()
print(int(m), float(m), len(m), bool(m), list(iter(m)))
