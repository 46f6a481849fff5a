# descr: data descriptors whose __get__/__set__/__delete__ raise or return odd values
class Desc:
    def __get__(self, obj, cls):
        raise KeyError("get")
    def __set__(self, obj, v):
        raise IndexError("set")
    def __delete__(self, obj):
        raise ValueError("delete")
class A:
    d = Desc()
    __slots__ = ()
for f in (lambda: A().d, lambda: setattr(A(), "d", 1), lambda: delattr(A(), "d"), lambda: A.d, lambda: getattr(A(), "d", 5),
          lambda: hasattr(A(), "d"), lambda: vars(A)["d"].__get__(None, None), lambda: dir(A())):
    try:
        f()
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        pass
