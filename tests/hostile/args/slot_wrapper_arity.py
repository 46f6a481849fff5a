# args: special methods of built-in objects called directly with too few or too many arguments (x.__eq__(), d.__contains__())
def gen():
    yield 1
class A:
    pass
SAMPLES = [1, 1.5, "s", b"b", bytearray(b"b"), (1,), [1], {1: 2}, {1}, frozenset([1]), range(3), slice(1, 2),
           object(), A(), A, gen(), len, iter([1]), {1: 2}.keys(), {1: 2}.values(), ValueError(1), A.__dict__,
           memoryview(b"ab"), type.__dict__["__name__"], classmethod(len), staticmethod(len), property(), None]
NAMES = ["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__contains__", "__getitem__", "__setitem__",
         "__delitem__", "__add__", "__mul__", "__iadd__", "__or__", "__and__", "__get__", "__set__", "__delete__",
         "__getattribute__", "__setattr__", "__delattr__", "__format__", "__instancecheck__", "__subclasscheck__",
         "__len__", "__iter__", "__next__", "__hash__", "__repr__", "__bool__", "__index__", "__reversed__"]
for obj in SAMPLES:
    for name in NAMES:
        m = getattr(obj, name, None)
        if m is None:
            continue
        for args in ((), (1, 2, 3), (1, 2, 3, 4, 5)):
            try:
                m(*args)
            except Exception:
                pass
print(type(1).__name__)
