# layout: odd __slots__ declarations (dupes, non-str, __dict__, huge, conflicting bases)
cases = [("a", "a"), (1,), ("__dict__", "__dict__"), ("__weakref__",), "abc", ["x"], {"x": 1},
         ("x" * 10000,), tuple("s%d" % i for i in range(3000)), ("__class__",), ("not valid",), ()]
for s in cases:
    try:
        C = type("C", (), {"__slots__": s})
        c = C()
        for name in ("a", "x", "s1", "abc"):
            try:
                setattr(c, name, 1)
                getattr(c, name)
            except AttributeError:
                pass
    except (TypeError, ValueError):
        pass
class P1:
    __slots__ = ("a",)
class P2:
    __slots__ = ("b",)
try:
    class Child(P1, P2):
        pass
except TypeError:
    pass
class Q(int):
    pass
try:
    class R(int):
        __slots__ = ("x",)
except TypeError:
    pass
