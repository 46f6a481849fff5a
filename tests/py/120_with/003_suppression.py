# __exit__ returning a true value suppresses the exception
class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        if t is not None and issubclass(t, self.types):
            print("suppressed", t.__name__, v)
            return True
        return False
with Suppress(KeyError):
    {}["x"]
print("continued after KeyError")
try:
    with Suppress(KeyError):
        1 / 0
except ZeroDivisionError:
    print("ZeroDivisionError not suppressed")
class Truthy:
    def __enter__(self): pass
    def __exit__(self, *a):
        return 1
with Truthy():
    raise RuntimeError
print("suppressed by truthy 1")
def g():
    with Suppress(ValueError):
        raise ValueError("v")
        return "not reached"
    return "after with"
print(g())
