# An unbound super(cls) stored on a class binds through __get__ (self.__super.meth());
# super(cls, proxy) accepts an object whose __class__ is a subclass; object.__setattr__
# may not bypass a built-in type's own __setattr__ (Carlo Verre's hack); a metaclass
# descriptor with __set__ but no __get__ leaves the class attribute visible.
class autosuper(type):
    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        setattr(cls, "_%s__super" % name.lstrip("_"), super(cls))

class A(metaclass=autosuper):
    def meth(self):
        return "A"
class B(A):
    def meth(self):
        return "B" + self.__super.meth()
class C(A):
    def meth(self):
        return "C" + self.__super.meth()
class D(C, B):
    def meth(self):
        return "D" + self.__super.meth()
print(D().meth(), B().meth())
unbound = super(A)
print(unbound.__get__(None, A) is unbound, repr(unbound))
bound = super(A, D())
print(bound.__get__(D()) is bound)
try:
    super(D).__get__(A())
except TypeError as e:
    print("TypeError", e)

class MySuper(super):
    pass
s = MySuper(C).__get__(D())
print(type(s).__name__, s.meth())

class P:
    def f(self):
        return "P.f"
class Q(P):
    def f(self):
        return super(Q, self).f() + "->Q.f"
class Proxy:
    def __init__(self, obj):
        self.__obj = obj
    def __getattribute__(self, name):
        if name.startswith("_Proxy__"):
            return object.__getattribute__(self, name)
        return getattr(self.__obj, name)
print(Q.__dict__["f"](Proxy(Q())))

for target, args in ((str, ("foo", 42)), (int, ("bar", 1))):
    try:
        object.__setattr__(target, *args)
    except TypeError as e:
        print("TypeError", e)
try:
    object.__delattr__(str, "lower")
except TypeError as e:
    print("TypeError", e)

class M(type):
    def __setattr__(cls, key, value):
        object.__setattr__(cls, key, value)
class N:
    pass
class K(N, M):
    pass
k = K("k", (object,), {})
try:
    k.test = True
except TypeError as e:
    print("TypeError", e)

class OkM(type):
    def __setattr__(cls, key, value):
        type.__setattr__(cls, key, value)
class OkK(N, OkM):
    pass
ok = OkK("ok", (object,), {})
ok.test = True
print(ok.test)

class Plain:
    def __setattr__(self, name, value):
        object.__setattr__(self, name, value * 2)
p = Plain()
p.x = 21
object.__delattr__(p, "x")
p.y = 1
print(p.y, hasattr(p, "x"))

class SetOnly:
    def __set__(self, obj, value):
        print("set", value)
class Meta(type):
    pass
class X(metaclass=Meta):
    pass
X.a = 42
Meta.a = SetOnly()
print(X.a)
X.a = 5
print(X.a)
