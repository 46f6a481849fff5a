# recurse: __getattr__/__getattribute__/__setattr__ that touch attributes of self
class A:
    def __getattr__(self, n):
        return self.missing
class B:
    def __getattribute__(self, n):
        return self.x
class C:
    def __setattr__(self, n, v):
        setattr(self, n, v)
class D:
    def __delattr__(self, n):
        del self.x
for f in (lambda: A().x, lambda: B().x, lambda: C().__setattr__("x", 1), lambda: setattr(C(), "y", 1),
          lambda: delattr(D(), "q"), lambda: hasattr(A(), "z"), lambda: getattr(B(), "z", 0), lambda: dir(B())):
    try:
        f()
    except (RecursionError, AttributeError):
        pass
