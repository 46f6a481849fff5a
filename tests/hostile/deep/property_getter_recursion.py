# deep: a property getter / descriptor __get__ that reads itself

class A:
    @property
    def p(self):
        return self.p
class Desc:
    def __get__(self, obj, cls):
        return getattr(obj, "d")
class B:
    d = Desc()
for f in (lambda: A().p, lambda: B().d, lambda: getattr(A(), "p"), lambda: hasattr(B(), "d")):
    try:
        f()
    except RecursionError:
        pass
