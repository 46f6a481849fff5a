# cls.__bases__ assignment: CPython's checks (type, cycles, layout, deallocator, MRO) and the MRO/slot/subclass updates on success
def attempt(label, f):
    try:
        r = f()
        print(label, "ok", r if r is not None else "")
    except TypeError as e:
        print(label, "TypeError:", e)


def names(mro):
    return [k.__name__ for k in mro]


class A:
    def who(self):
        return "A"
class B:
    def who(self):
        return "B"
    def extra(self):
        return "extra"
class C(A): pass
class D(C): pass
d = D()
print(d.who(), names(D.__mro__))

C.__bases__ = (B,)
print(d.who(), d.extra(), names(D.__mro__), C.__base__.__name__)
print(names(A.__subclasses__()), names(B.__subclasses__()), issubclass(D, B), issubclass(D, A))
C.__bases__ = (A, B)
print(d.who(), names(C.__mro__), names(D.__mro__))

attempt("list", lambda: setattr(C, '__bases__', [A]))
attempt("empty", lambda: setattr(C, '__bases__', ()))
attempt("non-class", lambda: setattr(C, '__bases__', (A, 1)))
attempt("cycle", lambda: setattr(C, '__bases__', (D,)))
attempt("self", lambda: setattr(C, '__bases__', (C,)))
attempt("builtin", lambda: setattr(int, '__bases__', (object,)))
attempt("delete", lambda: delattr(C, '__bases__'))
attempt("not acceptable", lambda: setattr(C, '__bases__', (bool,)))
attempt("duplicate", lambda: setattr(C, '__bases__', (A, A)))
# An MRO conflict leaves everything as it was.
attempt("mro conflict", lambda: setattr(D, '__bases__', (A, C)))
print(names(C.__mro__), names(D.__mro__))
attempt("object", lambda: setattr(C, '__bases__', (object,)))


class S1: __slots__ = ('x',)
class S2: __slots__ = ('y',)
class CS(S1): pass
attempt("slots differ", lambda: setattr(CS, '__bases__', (S2,)))
attempt("conflict", lambda: setattr(C, '__bases__', (S1, S2)))
attempt("layout", lambda: setattr(C, '__bases__', (S1,)))

class E1(ValueError): pass
class E3(ValueError): pass
class E4(E3): pass
attempt("exc", lambda: setattr(E4, '__bases__', (E1,)))
try:
    raise E4("x")
except E1 as e:
    print("caught as E1:", e, names(E4.__mro__))
attempt("exc back to builtin", lambda: setattr(E4, '__bases__', (ValueError,)))

# Special methods follow the new bases.
class X:
    def __len__(self):
        return 3
class Y: pass
class Z(Y): pass
z = Z()
attempt("len via X", lambda: (setattr(Z, '__bases__', (X,)), len(z))[1])
attempt("len gone", lambda: (setattr(Z, '__bases__', (Y,)), hasattr(z, '__len__'))[1])
try:
    len(z)
except TypeError as e:
    print("TypeError:", e)

class Meta1(type): pass
class Meta2(type):
    def hello(cls):
        return "hello from " + cls.__name__
class K(metaclass=Meta1): pass
attempt("meta bases", lambda: (setattr(Meta1, '__bases__', (Meta2,)), K.hello())[1])
