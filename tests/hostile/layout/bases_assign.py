# layout: __bases__ assignment (allowed, refused, cyclic, layout conflicts)
class A: pass
class B(A): pass
class C: pass
class L(list): pass
class S:
    __slots__ = ("x",)
for cls, bases in ((B, (C,)), (A, (B,)), (B, (L,)), (B, (S,)), (C, ()), (B, (A, A)), (B, (int,)), (L, (dict,)), (B, (object,))):
    try:
        cls.__bases__ = bases
    except (TypeError, AttributeError):
        pass
b = B()
repr(b), isinstance(b, A), issubclass(B, C)
