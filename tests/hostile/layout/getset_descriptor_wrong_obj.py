# layout: built-in getset/method descriptors called on objects of the wrong type
getters = [type.__dict__["__name__"], type.__dict__["__dict__"], type.__dict__["__bases__"],
           type.__dict__["__mro__"], object.__dict__["__class__"], BaseException.__dict__["args"]]
class A: pass
objs = [1, "s", None, A(), A, [], BaseException(), type]
for g in getters:
    for o in objs:
        for f in (lambda: g.__get__(o, type(o)), lambda: g.__set__(o, ()), lambda: g.__delete__(o)):
            try:
                f()
            except (TypeError, AttributeError, ValueError):
                pass
for meth in (list.append, dict.get, str.join, int.__add__, object.__init__, type.mro, set.add):
    for o in objs:
        try:
            meth(o, 1)
        except (TypeError, AttributeError):
            pass
