# __class__ assignment: CPython's layout rules (differing layouts, slots, builtins, non-classes) and the compatible cases that work
import sys


def attempt(label, obj, cls):
    try:
        obj.__class__ = cls
        print(label, "ok ->", type(obj).__name__)
    except TypeError as e:
        print(label, "TypeError:", e)


class F(float): pass
class G(float): pass
class I(int): pass
class J(int): pass
class IE(int): __slots__ = ()
class JE(int): __slots__ = ()
class S(str): pass
class T(str): pass
class B(bytes): pass
class Tu(tuple): pass
class Tv(tuple): pass
class L(list): pass
class L2(list):
    def total(self):
        return sum(self)
class P: pass
class P2:
    def show(self):
        return sorted(self.__dict__.items())
class A: __slots__ = ('a',)
class A2: __slots__ = ('a',)
class XY: __slots__ = ('x', 'y')
class YX:
    __slots__ = ('y', 'x')
    def show(self):
        return (self.x, self.y)
class Empty: __slots__ = ()
class Empty2: __slots__ = ()
class WeakOnly: __slots__ = ('__weakref__',)
class DictOnly: __slots__ = ('__dict__',)
class DictWeak: __slots__ = ('__dict__', '__weakref__')
class E1(ValueError): pass
class E2(TypeError): pass
class E1s(ValueError): __slots__ = ()
class E2s(TypeError): __slots__ = ()
class O1(OSError): pass

# Layouts that differ.
attempt("F->I", F(1.5), I)
attempt("S->B", S("s"), B)
attempt("I->J", I(3), J)
attempt("I->IE", I(3), IE)
attempt("Tu->Tv", Tu((1,)), Tv)
attempt("A->XY", A(), XY)
attempt("P->A", P(), A)
attempt("A->P", A(), P)
attempt("P->Empty", P(), Empty)
attempt("Empty->P", Empty(), P)
attempt("P->WeakOnly", P(), WeakOnly)
attempt("P->DictOnly", P(), DictOnly)
attempt("DictWeak->DictOnly", DictWeak(), DictOnly)
attempt("L->P", L(), P)
attempt("E1->E2", E1(), E2)
attempt("E1->O1", E1(), O1)
attempt("F->Tu", F(2.0), Tu)

# Built-in instances and types, non-classes, deletion.
attempt("int->I", 1, I)
attempt("P->int", P(), int)
attempt("P->object", P(), object)
attempt("str->S", "x", S)
try:
    P().__class__ = 5
except TypeError as e:
    print("P->5 TypeError:", e)
try:
    del P().__class__
except TypeError as e:
    print("del TypeError:", e)

# Compatible layouts keep working, and the object behaves as the new class.
f = F(1.5)
attempt("F->G", f, G)
print(f + 1, isinstance(f, G))
ie = IE(7)
attempt("IE->JE", ie, JE)
print(ie * 2)
s = S("abc")
attempt("S->T", s, T)
print(s.upper(), s == "abc")
l = L([1, 2, 3])
attempt("L->L2", l, L2)
print(l.total())
p = P()
p.v = 1
attempt("P->P2", p, P2)
print(p.show())
a = A()
a.a = 5
attempt("A->A2", a, A2)
print(a.a)
xy = XY()
xy.x, xy.y = 1, 2
attempt("XY->YX", xy, YX)
print(xy.show())
attempt("Empty->Empty2", Empty(), Empty2)
attempt("DictWeak->P", DictWeak(), P)
e = E1s("m")
attempt("E1s->E2s", e, E2s)
print(e.args)

# Classes (instances of metaclasses) and modules.
class Meta1(type): pass
class Meta2(type): pass
class C(metaclass=Meta1): pass
attempt("C Meta1->Meta2", C, Meta2)
attempt("C Meta2->type", C, type)
Module = type(sys)
class MyModule(Module):
    @property
    def answer(self):
        return 42
class SlotModule(Module): __slots__ = ('extra',)
attempt("sys->MyModule", sys, MyModule)
print(sys.answer)
attempt("sys->SlotModule", sys, SlotModule)
attempt("sys->module", sys, Module)
