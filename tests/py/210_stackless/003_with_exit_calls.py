# with blocks whose __exit__ is a Python method, a bound method or a callable object
class Ctx:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None)
        return self.swallow


with Ctx("a") as c:
    print("body", c.name)
with Ctx("b", swallow=True):
    raise KeyError("k")
try:
    with Ctx("c"):
        raise ValueError("v")
except ValueError as e:
    print("propagated", e)


class Exit:
    def __call__(self, *args):
        print("callable exit", len(args))
        return False


class Ctx2:
    __enter__ = lambda self: 5
    __exit__ = Exit()


with Ctx2() as v:
    print("v", v)


class Outer:
    def method(self, *args):
        return ("method", len(args))


bound = Outer().method
print(bound(1, 2))
print(bound())
m = [Outer().method][0]
print(m(*[1, 2, 3]))
