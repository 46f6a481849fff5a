# descr: __slots__ members shadowed by class attributes, deleted from the class, or reassigned
class A:
    __slots__ = ("x", "y")
a = A()
a.x = 1
desc = A.x
try:
    del A.x
except AttributeError:
    pass
for f in (lambda: a.x, lambda: setattr(a, "x", 2), lambda: desc.__get__(a, A), lambda: desc.__set__(a, 3), lambda: a.y):
    try:
        f()
    except AttributeError:
        pass
A.y = property(lambda s: 7)
print(a.y)
try:
    class B:
        __slots__ = ("z",)
        z = 1
except ValueError:
    pass
