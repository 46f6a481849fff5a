# __new__ and __init__ interplay, __new__ returning other types, __del__-free lifecycle
class A:
    def __new__(cls, *args):
        print("A.__new__", cls.__name__, args)
        return super().__new__(cls)
    def __init__(self, v):
        print("A.__init__", v)
        self.v = v
a = A(1)
class B:
    def __new__(cls):
        return 42
    def __init__(self):
        print("never called")
print(B())
class Cached:
    _cache = {}
    def __new__(cls, key):
        if key not in cls._cache:
            obj = super().__new__(cls)
            obj.key = key
            cls._cache[key] = obj
        return cls._cache[key]
print(Cached("a") is Cached("a"), Cached("a") is Cached("b"))
try:
    object.__new__(int)
except TypeError as e:
    print(type(e).__name__, e)
try:
    A()
except TypeError as e:
    print(type(e).__name__, e)
class NoInit:
    pass
try:
    NoInit(1)
except TypeError as e:
    print(type(e).__name__, e)
