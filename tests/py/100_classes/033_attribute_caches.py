# Attribute accesses stay right when classes change under a warmed-up access site
def get_x(o):
    return o.x

def set_x(o, v):
    o.x = v

class A:
    def __init__(self):
        self.x = "instance"

class S:
    __slots__ = ("x", "y")

a = A()
for _ in range(3):
    print(get_x(a), end=" ")
print()

# a data descriptor added to the class later wins over the instance dict
A.x = property(lambda self: "property")
print(get_x(a))
try:
    set_x(a, 1)
except AttributeError as e:
    print("AE", e)
del A.x
print(get_x(a))

# a property on a base class added later
class Base:
    pass
class Derived(Base):
    def __init__(self):
        self.x = "derived instance"
d = Derived()
print(get_x(d), get_x(d))
Base.x = property(lambda self: "base property", lambda self, v: print("base setter", v))
print(get_x(d))
set_x(d, 5)
del Base.x
print(get_x(d))

# slots: set, get, delete, unset
s = S()
try:
    get_x(s)
except AttributeError as e:
    print("AE", e)
for i in range(3):
    set_x(s, i)
    print(get_x(s), end=" ")
print()
del s.x
try:
    get_x(s)
except AttributeError as e:
    print("AE", e)

# one access site, many classes
class B1:
    x = "class attr"
class B2:
    __slots__ = ("x",)
    def __init__(self):
        self.x = "slot"
class B3:
    def __getattr__(self, name):
        return "getattr " + name
class B4(A):
    pass
objs = [a, B1(), B2(), B3(), B4(), s, d]
set_x(s, "slot again")
for _ in range(2):
    print([get_x(o) for o in objs])

# __class__ assignment between compatible classes
class P:
    def __init__(self):
        self.x = "P"
class Q:
    @property
    def x(self):
        return "Q.x property"
p = P()
print(get_x(p))
p.__class__ = Q
print(get_x(p))
p.__class__ = P
print(get_x(p))

# __getattribute__ / __setattr__ added to a class after the sites are warm
class W:
    def __init__(self):
        self.x = 1
w = W()
print(get_x(w), get_x(w))
W.__getattribute__ = lambda self, name: "intercepted " + name
print(get_x(w))
del W.__getattribute__
print(get_x(w))
W.__setattr__ = lambda self, name, v: print("setattr hook", name, v)
set_x(w, 2)
del W.__setattr__
set_x(w, 3)
print(get_x(w))

# an instance dict replaced, and attributes of a class object itself
w.__dict__ = {"x": "new dict"}
print(get_x(w))
class K:
    x = "on class"
print(get_x(K), get_x(K))
K.x = "changed"
print(get_x(K))

# class attributes replaced in place: counters, methods, values seen through subclasses
class Counter:
    count = 0
    def hello(self):
        return "hello v1"
class SubCounter(Counter):
    pass
class SubOverride(Counter):
    count = 100
objs = [Counter(), SubCounter(), SubOverride()]
for i in range(3):
    Counter.count += 1
    print([o.count for o in objs], SubCounter.count, [o.hello() for o in objs])
Counter.hello = lambda self: "hello v2"
print([o.hello() for o in objs])
SubCounter.hello = lambda self: "sub hello"
print([o.hello() for o in objs])
del SubCounter.hello
print([o.hello() for o in objs])
Counter.count = property(lambda self: "now a property")
print([o.count for o in objs])
Counter.count = 7
print([o.count for o in objs], SubCounter.count)
Counter.__len__ = lambda self: 3
print(len(objs[1]))
