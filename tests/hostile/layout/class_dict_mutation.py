# layout: writing special names through a class __dict__ / mappingproxy and setattr on builtins
class A:
    pass
for name in ("__dict__", "__class__", "__bases__", "__mro__", "__name__", "__qualname__", "__module__", "__doc__", "__slots__"):
    for v in (None, 1, (), "x", {}):
        try:
            setattr(A, name, v)
        except (TypeError, AttributeError, ValueError):
            pass
try:
    A.__dict__["x"] = 1
except TypeError:
    pass
for t in (int, list, object, type):
    try:
        t.foo = 1
    except TypeError:
        pass
    try:
        del t.__repr__
    except (TypeError, AttributeError):
        pass
A()
repr(A), str(A())
