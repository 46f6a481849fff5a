# A metaclass's mro() gives the class's __mro__ (checked: classes only, with a layout the
# class's instances have); type.mro() computes C3 afresh; a failing mro() while __bases__
# is assigned leaves every MRO as it was.
class A(object):
    def f(self): return "A"
class B(A): pass
class C(A):
    def f(self): return "C"
class D(B, C): pass
class PerverseMetaType(type):
    def mro(cls):
        L = type.mro(cls)
        L.reverse()
        return L
class X(D,B,C,A, metaclass=PerverseMetaType):
    pass
print(X.__mro__, X().f(), D.mro(), type.mro(D))
class Bad(type):
    def mro(cls):
        return [cls, 1]
try:
    class Y(metaclass=Bad): pass
except TypeError as e:
    print("TypeError", e)
class Bad2(type):
    def mro(cls):
        return [cls, int, object]
try:
    class Z(list, metaclass=Bad2): pass
except TypeError as e:
    print("TypeError", e)
class WorkOnce(type):
    def __new__(self, name, bases, ns):
        self.flag = 0
        return super(WorkOnce, self).__new__(WorkOnce, name, bases, ns)
    def mro(self):
        if self.flag > 0:
            raise RuntimeError("bozo")
        else:
            self.flag += 1
            return type.mro(self)
class C1: pass
class C2: pass
class D1(C1): pass
class E1(D1): pass
class F1(D1, metaclass=WorkOnce): pass
before = E1.__mro__, D1.__mro__
try:
    D1.__bases__ = (C2,)
except RuntimeError as e:
    print("RuntimeError", e, (E1.__mro__, D1.__mro__) == before, D1.__bases__)
