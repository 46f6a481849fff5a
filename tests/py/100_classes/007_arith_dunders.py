# every binary arithmetic dunder, reflected versions and NotImplemented fallback
class V:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"V({self.v!r})"
ops = ["add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "lshift", "rshift", "and", "or", "xor", "matmul", "divmod"]
def make(name):
    def fwd(self, other):
        o = other.v if isinstance(other, V) else other
        return V((name, self.v, o))
    def rev(self, other):
        return V(("r" + name, other, self.v))
    return fwd, rev
for n in ops:
    f, r = make(n)
    setattr(V, f"__{n}__", f)
    setattr(V, f"__r{n}__", r)
a = V(1)
print(a + 2, a - 2, a * 2, a / 2, a // 2, a % 2, a ** 2, a << 2, a >> 2, a & 2, a | 2, a ^ 2, a @ 2, divmod(a, 2))
print(2 + a, 2 - a, 2 * a, 2 / a, 2 // a, 2 % a, 2 ** a, 2 << a, 2 >> a, 2 & a, 2 | a, 2 ^ a, 2 @ a, divmod(2, a))
print(pow(a, 2), pow(3, a))
class OnlyLeft:
    def __add__(self, o):
        return NotImplemented
class OnlyRight:
    def __radd__(self, o):
        return "radd called"
print(OnlyLeft() + OnlyRight())
try:
    OnlyLeft() + 1
except TypeError as e:
    print(type(e).__name__, e)
