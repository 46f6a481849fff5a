# callable, getattr/setattr/hasattr/delattr with defaults and errors
class C:
    cls_attr = 1
    def method(self):
        return "m"
c = C()
print(callable(c), callable(C), callable(c.method), callable(print), callable(None), callable(lambda: 0))
setattr(c, "x", 10)
print(getattr(c, "x"), getattr(c, "y", "dflt"), hasattr(c, "x"), hasattr(c, "cls_attr"), getattr(c, "method")())
delattr(c, "x")
print(hasattr(c, "x"))
try:
    getattr(c, "nope")
except AttributeError as e:
    print(type(e).__name__, e)
try:
    delattr(c, "nope")
except AttributeError as e:
    print(type(e).__name__, e)
try:
    getattr(c, 5)
except TypeError as e:
    print(type(e).__name__, e)
setattr(C, "added", lambda self: "added")
print(c.added(), getattr(5, "real"), getattr("s", "upper")())
try:
    setattr(5, "x", 1)
except AttributeError as e:
    print(type(e).__name__, e)
