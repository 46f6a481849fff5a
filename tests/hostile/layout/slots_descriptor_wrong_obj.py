# layout: a __slots__ member descriptor used on an instance of another class
class A:
    __slots__ = ("x", "y")
class B:
    __slots__ = ("z",)
desc = A.__dict__["x"]
for obj in (B(), 1, "s", None, [], A, object()):
    try:
        desc.__get__(obj, type(obj))
    except (TypeError, AttributeError):
        pass
    try:
        desc.__set__(obj, 1)
    except (TypeError, AttributeError):
        pass
    try:
        desc.__delete__(obj)
    except (TypeError, AttributeError):
        pass
a = A()
a.x = 1
print(desc.__get__(a, A))
