# Python __new__ runs as a frame, then __init__ only for an instance of the class, with the same arguments
class Point:
    def __new__(cls, x, y=0, *, tag="p"):
        print("new", cls.__name__, x, y, tag)
        return super().__new__(cls)
    def __init__(self, x, y=0, *, tag="p"):
        print("init", x, y, tag)
        self.xy = (x, y)

p = Point(1, y=2, tag="t")
print(p.xy)
args = (3,)
kw = {"tag": "kw"}
print(Point(*args, **kw).xy)

class Other:
    def __init__(self):
        print("Other.__init__ must not run")

class Factory:
    def __new__(cls, kind):
        if kind == "other":
            return object.__new__(Other)
        if kind == "sub":
            return object.__new__(Sub)
        if kind == "int":
            return 42
        return object.__new__(cls)
    def __init__(self, kind):
        print("Factory.__init__", type(self).__name__, kind)

class Sub(Factory):
    def __init__(self, kind):
        print("Sub.__init__", kind)

print(type(Factory("other")).__name__)
print(type(Factory("sub")).__name__)
print(Factory("int"))
print(type(Factory("self")).__name__)

class NoInit:
    def __new__(cls, *a, **k):
        o = super().__new__(cls)
        o.a = a
        return o
print(NoInit(1, 2, k=3).a)

class MyList(list):
    def __new__(cls, *a):
        print("MyList.__new__", a)
        return super().__new__(cls)
print(MyList([1, 2]), MyList())

class Upper(str):
    def __new__(cls, s):
        return super().__new__(cls, s.upper())
u = Upper("abc")
print(u, type(u).__name__, u + "!")

class BadInit:
    def __new__(cls):
        return super().__new__(cls)
    def __init__(self):
        return 5
try:
    BadInit()
except TypeError as e:
    print("TE", e)

class Raises:
    def __new__(cls, x):
        raise ValueError(f"no {x}")
try:
    Raises(7)
except ValueError as e:
    print("VE", e)

class TooMany:
    def __new__(cls, a):
        return super().__new__(cls)
try:
    TooMany(1, 2)
except TypeError as e:
    print("TE", e)

class Singleton:
    _it = None
    def __new__(cls, *a):
        if cls._it is None:
            cls._it = super().__new__(cls)
            cls._it.count = 0
        return cls._it
    def __init__(self, *a):
        self.count += 1
s = Singleton(); Singleton(1); Singleton(2, 3)
print(s.count, Singleton() is s)

class GenNew:
    def __new__(cls, n):
        yield from range(n)
print(list(GenNew(3)))

class Meta(type):
    pass
class WithMeta(metaclass=Meta):
    def __new__(cls, v):
        o = super().__new__(cls)
        o.v = v * 10
        return o
print(WithMeta(4).v)

class Deep:
    def __new__(cls, n):
        if n == 0:
            return super().__new__(cls)
        inner = Deep(n - 1)
        inner.depth = getattr(inner, "depth", 0) + 1
        return inner
    def __init__(self, n):
        self.inits = getattr(self, "inits", 0) + 1
d = Deep(200)
print(d.depth, d.inits)
