# funcattr: bound methods of odd callables, methods bound to None, classmethod of non-callables
class C:
    def m(self):
        return self
    cm = classmethod(5)
    sm = staticmethod(5)
    p = property(5, 6, 7)
for name in ("cm", "sm", "p"):
    try:
        getattr(C(), name)()
    except TypeError:
        pass
    try:
        setattr(C(), name, 1)
        delattr(C(), name)
    except (TypeError, AttributeError):
        pass
bm = C.m.__get__(None, C)
try:
    bm()
except TypeError:
    pass
b = C().m
try:
    b.__func__ = None
except (AttributeError, TypeError):
    pass
print(type(b.__self__).__name__)
