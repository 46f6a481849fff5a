# layout: __class__ assignment between classes with different __slots__
class A:
    __slots__ = ("a",)
class B:
    __slots__ = ("a", "b", "c")
class C:
    __slots__ = ("b",)
class D:
    pass
class E:
    __slots__ = ("__dict__",)
for x_cls in (A, B, C, D, E):
    for to in (A, B, C, D, E):
        x = x_cls()
        try:
            x.__class__ = to
        except TypeError:
            continue
        for name in ("a", "b", "c"):
            try:
                setattr(x, name, 1)
                getattr(x, name)
                delattr(x, name)
            except AttributeError:
                pass
