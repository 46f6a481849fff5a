# args: every callable attribute of one object of (nearly) every built-in type, called with 0, 1 and 2 hostile arguments
import sys
def gen():
    yield 1
class A:
    __slots__ = ("x",)
    def m(self):
        pass
    @property
    def p(self):
        return 1
def f():
    pass
class BadIndex:
    def __index__(self):
        raise ValueError
class Huge:
    def __index__(self):
        return 2**100
SAMPLES = [1, 2**100, 1.5, True, None, NotImplemented, Ellipsis, "s", b"b", bytearray(b"b"), memoryview(b"ab"),
           (1,), [1], {1: 2}, {1}, frozenset([1]), range(3), slice(1, 2), object(), A, A(), gen(), f, f.__code__, A.m,
           A().m, A.__dict__["p"], A.__dict__["x"], type.__dict__["__name__"], type.__dict__["__mro__"],
           classmethod(f), staticmethod(f), super(A, A()), len, list.append, [].append, int.__add__, (1).__add__,
           iter([1]), iter((1,)), iter({1: 2}), iter({1}), iter("s"), iter(b"b"), iter(range(3)), reversed([1]),
           {1: 2}.keys(), {1: 2}.values(), {1: 2}.items(), iter({1: 2}.items()), enumerate([1]), zip([1]), map(f, [1]),
           filter(None, [1]), ValueError(1), OSError(1, "x"), StopIteration(1), KeyError(1), SyntaxError("x"),
           A.__dict__, property(), complex(1, 2), type(A.__dict__)]
ARGS = [None, -1, 2**63, "", (), [], BadIndex(), Huge(), A, int, A(), b"", 1.5]
# Those close or end things a hostile program may not touch (stdout), or compute for
# minutes in CPython too (2**100 ** 2**63).
SKIP = {"close", "detach", "__exit__", "throw", "__del__", "__pow__", "__rpow__", "__lshift__", "__rlshift__", "__round__"}
for obj in SAMPLES:
    for name in sorted(dir(type(obj))):
        if name in SKIP or name in ("__init_subclass__", "__subclasshook__"):
            continue
        try:
            attr = getattr(obj, name)
        except Exception:
            continue
        if not callable(attr):
            continue
        # Special methods get at least the arguments their slot takes (too few is
        # args/slot_wrapper_arity's subject); other methods 0, 1 and 2.
        dunder = name.startswith("__")
        if not dunder:
            try:
                attr()
            except Exception:
                pass
        for a in ARGS:
            if not dunder:
                try:
                    attr(a)
                except Exception:
                    pass
            for b in ARGS[::3]:
                try:
                    attr(a, b) if not dunder else attr(a, b, b)
                except Exception:
                    pass
        # And unbound, through the type, with a receiver of the wrong type.
        meth = getattr(type(obj), name, None)
        for recv in (None, 1, "s", A()):
            try:
                meth(recv, 1, 2) if dunder else meth(recv)
            except Exception:
                pass
print(type(1).__name__)
