# __call__, __bool__, __len__ fallback for truth, __repr__ vs __str__ and their use in containers
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, *rest):
        return x + self.n + sum(rest)
add5 = Adder(5)
print(add5(1), add5(1, 2, 3), callable(add5), callable(Adder), callable(5))
class B:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        return self.v > 0
print(bool(B(1)), bool(B(-1)), "yes" if B(0) else "no", not B(2))
class BadBool:
    def __bool__(self):
        return 1
try:
    bool(BadBool())
except TypeError as e:
    print(type(e).__name__, e)
class RS:
    def __repr__(self):
        return "RS-repr"
    def __str__(self):
        return "RS-str"
class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr()"
x = RS()
print(x, str(x), repr(x), [x], (x,), {"k": x}, f"{x} {x!r}", "%s %r" % (x, x), OnlyRepr(), str(OnlyRepr()))
class BadRepr:
    def __repr__(self):
        return 5
try:
    repr(BadRepr())
except TypeError as e:
    print(type(e).__name__, e)
