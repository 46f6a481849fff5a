# descr: classmethod/staticmethod wrapping odd objects, chaining, and __func__ access
class A:
    a = classmethod(classmethod(lambda c: c))
    b = staticmethod(staticmethod(len))
    c = classmethod(property(lambda c: 1))
    d = classmethod(5)
    e = staticmethod(None)
for n in "abcde":
    for f in (lambda: getattr(A, n)(), lambda: getattr(A(), n)(), lambda: getattr(A, n)):
        try:
            f()
        except (TypeError, AttributeError):
            pass
cm = classmethod(len)
for args in ((None,), (None, None), (1,), (1, 2)):
    try:
        cm.__get__(*args)
    except TypeError:
        pass
print(cm.__func__ is len, staticmethod(len).__func__ is len)
