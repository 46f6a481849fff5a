# vars() of instances and classes, dir() of a user class filtered to non-dunder names
class Base:
    b = 1
    def bm(self): pass
class C(Base):
    z = 2
    a = 3
    def __init__(self):
        self.inst = 4
    def method(self): pass
    @property
    def prop(self): return 5
c = C()
print(vars(c), sorted(k for k in vars(C) if not k.startswith("__")))
print([n for n in dir(c) if not n.startswith("__")])
print([n for n in dir(C) if not n.startswith("__")])
print("__init__" in dir(C), "inst" in dir(c), "inst" in dir(C))
try:
    vars(5)
except TypeError as e:
    print(type(e).__name__, e)
def f():
    x = 1
    y = 2
    return sorted(vars())
print(f())
