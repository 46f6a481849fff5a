# descr: __getattribute__/__getattr__ raising non-AttributeError, returning odd values, and StopIteration
class A:
    def __getattribute__(self, n):
        if n == "x":
            raise KeyError
        if n == "y":
            raise StopIteration
        return object.__getattribute__(self, n)
    def __getattr__(self, n):
        raise ValueError(n)
for f in (lambda: A().x, lambda: A().y, lambda: A().z, lambda: hasattr(A(), "x"), lambda: getattr(A(), "z", 1),
          lambda: list(A()), lambda: A() + 1, lambda: len(A()), lambda: repr(A()), lambda: [a for a in [A()] if a.x]):
    try:
        f()
    except (KeyError, StopIteration, ValueError, TypeError, RuntimeError):
        pass
