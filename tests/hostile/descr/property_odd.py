# descr: property with non-callable getter/setter, getter replacing the property, deleter missing
class A:
    p = property(5)
    q = property(None, 6, 7)
    r = property(lambda self: setattr(A, "r", 3) or 1)
for f in (lambda: A().p, lambda: setattr(A(), "q", 1), lambda: delattr(A(), "q"), lambda: A().r, lambda: A().r,
          lambda: property.__get__(A.__dict__.get("p", property()), 1, int), lambda: property().__set__(1, 2),
          lambda: property().getter(5).__get__(A()), lambda: delattr(A(), "p")):
    try:
        f()
    except (TypeError, AttributeError):
        pass
p = property(lambda s: 1)
for args in ((None,), (None, None), (1, int), (A(), A)):
    try:
        p.__get__(*args)
    except TypeError:
        pass
