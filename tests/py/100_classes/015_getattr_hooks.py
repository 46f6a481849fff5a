# __getattr__ fallback, __getattribute__ interception, __setattr__, __delattr__
class Lazy:
    def __init__(self):
        self.real = 1
    def __getattr__(self, name):
        if name.startswith("x_"):
            return name.upper()
        raise AttributeError(f"no {name}")
l = Lazy()
print(l.real, l.x_foo, getattr(l, "x_bar"), hasattr(l, "y"), getattr(l, "y", "default"))
class Spy:
    def __init__(self):
        object.__setattr__(self, "log", [])
    def __getattribute__(self, name):
        if name != "log":
            object.__getattribute__(self, "log").append(("get", name))
        return object.__getattribute__(self, name)
    def __setattr__(self, name, value):
        self.log.append(("set", name, value))
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        self.log.append(("del", name))
        object.__delattr__(self, name)
    def method(self):
        return "m"
s = Spy()
s.a = 1
s.a
s.method()
del s.a
try:
    s.missing
except AttributeError as e:
    print(type(e).__name__, e)
print(s.log)
class Frozen:
    __slots__ = ()
    def __setattr__(self, n, v):
        raise AttributeError(f"cannot set {n}")
try:
    Frozen().z = 1
except AttributeError as e:
    print(e)
