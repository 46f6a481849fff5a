# data vs non-data descriptors and precedence with instance __dict__
class Data:
    def __get__(self, obj, typ=None):
        return "data-get"
    def __set__(self, obj, v):
        obj.__dict__["stored"] = v
class NonData:
    def __get__(self, obj, typ=None):
        return "nondata-get" if obj is not None else "class-access"
class C:
    d = Data()
    n = NonData()
c = C()
c.__dict__["d"] = "instance d"
c.__dict__["n"] = "instance n"
print(c.d, c.n, C.n)
c.d = 5
print(c.__dict__["stored"], c.d)
class Typed:
    def __init__(self, typ):
        self.typ = typ
    def __set_name__(self, owner, name):
        self.name = "_" + name
    def __get__(self, obj, typ=None):
        return getattr(obj, self.name)
    def __set__(self, obj, v):
        if not isinstance(v, self.typ):
            raise TypeError(f"{self.name[1:]} must be {self.typ.__name__}")
        setattr(obj, self.name, v)
class Person:
    age = Typed(int)
    name = Typed(str)
p = Person()
p.age = 30
p.name = "Bo"
print(p.age, p.name)
try:
    p.age = "old"
except TypeError as e:
    print(type(e).__name__, e)
