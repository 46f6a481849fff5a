# Attribute hooks of Python classes: __getattribute__, __getattr__ fallback, descriptors, __setattr__, __delattr__
class Base:
    def __getattr__(self, name):
        if name.startswith("no_"):
            raise AttributeError(f"fallback has no {name}")
        return lambda *a: ("fallback", name, a)

class G(Base):
    seen = []
    def __getattribute__(self, name):
        G.seen.append(name)
        if name.startswith("hidden"):
            raise AttributeError(name)
        return object.__getattribute__(self, name)
    def method(self, x):
        return ("method", x)

g = G()
print(g.method(1))
print(g.hidden_thing(2))         # __getattribute__ raised: __getattr__ gives a callable
print(g.hidden_attr())
try:
    g.no_such
except AttributeError as e:
    print("AE", e)
try:
    g.hidden_no_x
except AttributeError as e:
    print("AE", e)
print(G.seen)

class NonData:
    def __get__(self, obj, owner):
        return ("nondata", None if obj is None else type(obj).__name__, owner.__name__)

class Data:
    def __get__(self, obj, owner):
        return ("data", obj.__dict__.get("data_store"))
    def __set__(self, obj, value):
        obj.__dict__["data_store"] = value * 10
    def __delete__(self, obj):
        obj.__dict__.pop("data_store", None)
        print("deleted via descriptor")

class Holder:
    nd = NonData()
    d = Data()

h = Holder()
print(h.nd, Holder.nd)
h.__dict__["nd"] = "instance wins"
print(h.nd)
h.d = 4
print(h.d, h.__dict__)
h.__dict__["d"] = "ignored: data descriptor wins"
print(h.d)
del h.d
print(h.d)

class P:
    def __init__(self):
        self._v = 1
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, x):
        self._v = x * 2
    @v.deleter
    def v(self):
        print("deleting v")
        del self._v
    @property
    def ro(self):
        return "read-only"
    @property
    def broken(self):
        raise AttributeError("inside getter")

p = P()
p.v = 5
print(p.v)
del p.v
try:
    p.v
except AttributeError as e:
    print("AE", e)
try:
    p.ro = 1
except AttributeError as e:
    print("AE", e)
try:
    del p.ro
except AttributeError as e:
    print("AE", e)
try:
    p.broken
except AttributeError as e:
    print("AE", e)

class PG(P):
    def __getattr__(self, name):
        return "PG.__getattr__(" + name + ")"
print(PG().broken, PG().ro, PG().missing)

class Tracked:
    def __init__(self):
        self.a = 1
    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        print("del", name)
        object.__delattr__(self, name)

t = Tracked()
t.b = 2
del t.a
print(sorted(vars(t).items()))
try:
    del t.zzz
except AttributeError as e:
    print("AE", e)

class ReturnsValue:
    def __setattr__(self, name, value):
        return "ignored"
    def __delattr__(self, name):
        return "ignored"
r = ReturnsValue()
r.x = 1
del r.x
print(vars(r))

class StaticHook:
    __getattr__ = staticmethod(lambda name: "static " + name)
try:
    print(StaticHook().q)
except TypeError as e:
    print("TE", e)
