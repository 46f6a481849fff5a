# A descriptor with __set__ but no __get__ lets the instance dict's value show; del obj.__dict__
class Descr:
    def __init__(self, name):
        self.name = name
    def __set__(self, obj, value):
        obj.__dict__[self.name] = value

class X:
    a = Descr("a")

x = X()
print(type(x.a).__name__)
x.a = 42
print(x.a, X.__dict__["a"].name)

class Both(Descr):
    def __get__(self, obj, owner=None):
        return "from __get__"

class Y:
    b = Both("b")

y = Y()
y.b = 7
print(y.b, y.__dict__)

class A:
    pass

a = A()
a.q = 1
del a.__dict__
print(a.__dict__)
a.z = 2
print(a.__dict__, hasattr(a, "q"))
for bad in (None, [], 1):
    try:
        a.__dict__ = bad
    except TypeError as e:
        print("TypeError:", e)
