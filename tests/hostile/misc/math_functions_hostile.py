# misc: math functions with hostile __index__/__float__, extremes, nan and huge ints
import math
class F:
    def __float__(self):
        return "x"
class I:
    def __index__(self):
        return 2**100
class Neg:
    def __index__(self):
        return -1
names = [n for n in dir(math) if not n.startswith("_") and callable(getattr(math, n))]
values = [0, -1, 1.5, float("nan"), float("inf"), -float("inf"), 2**63, -2**63, 10**30, F(), I(), Neg(), None, "1", True]
for n in names:
    fn = getattr(math, n)
    if n in ("factorial", "comb", "perm", "prod", "lcm", "gcd", "isqrt"):
        vals = [v for v in values if not (isinstance(v, int) and abs(v) > 10**6)]  # huge ones run for minutes
    else:
        vals = values
    for a in vals:
        for args in ((a,), (a, 2), (2, a), (a, a)):
            try:
                fn(*args)
            except (ValueError, TypeError, OverflowError, ZeroDivisionError):
                pass
print(math.isqrt(10**100) > 0)
