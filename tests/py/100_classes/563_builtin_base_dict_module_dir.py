# A metaclass deriving from a plain class and type reads a class's namespace through
# type's __dict__ (read-only mappingproxy); dir() of a module subclass uses the
# __dict__ attribute, and refuses one that is not a dictionary.
import sys

class Base:
    pass
class Meta1(type, Base):
    pass
class Meta2(Base, type):
    pass
class D(metaclass=Meta1):
    x = 1
class E(metaclass=Meta2):
    y = 2
for cls in (D, E):
    d = cls.__dict__
    print(type(d).__name__, "x" in d or "y" in d)
    try:
        d["spam"] = "eggs"
    except TypeError as e:
        print("TypeError", e)
    try:
        cls.__dict__ = {}
    except (AttributeError, TypeError) as e:
        print(type(e).__name__, e)
b = Base()
b.z = 3
print(b.__dict__)

class M(type(sys)):
    pass
m = M("m")
m.a = 1
print(sorted(n for n in dir(m) if not n.startswith("__")))

class M2(M):
    @property
    def __dict__(self):
        return "Not a dict!"
m2 = M2("m2")
m2.b = 2
print(m2.__dict__)
try:
    dir(m2)
except TypeError as e:
    print("TypeError", e)
