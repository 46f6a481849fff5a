# class creation: "multiple bases have instance lay-out conflict" and CPython's __slots__ checks, names and layout
def define(src):
    ns = dict(globals())
    try:
        exec(src, ns)
        C = ns["C"]
        extra = sorted(k for k in C.__dict__ if not k.startswith('__') or k in ('__dict__', '__weakref__'))
        print(src.replace("\n", " | "), "->", C.__base__.__name__, extra)
    except (TypeError, ValueError) as e:
        print(src.replace("\n", " | "), "->", type(e).__name__ + ":", e)


class A: __slots__ = ('a',)
class A2: __slots__ = ('a',)
class SubA(A): pass
class P: pass
class Empty: __slots__ = ()
class Weak: __slots__ = ('__weakref__',)
class I(int): pass
class J(int): pass
class IE(int): __slots__ = ()
class JE(int): __slots__ = ()
class M1(type): pass
class M2(type): pass

for src in [
    "class C(A, A2): pass",
    "class C(A, P): pass",
    "class C(P, A): pass",
    "class C(int, str): pass",
    "class C(float, A): pass",
    "class C(I, J): pass",
    "class C(IE, JE): pass",
    "class C(I, int): pass",
    "class C(SubA, A): pass",
    "class C(Empty, A): pass",
    "class C(Weak, A): pass",
    "class C(dict, list): pass",
    "class C(Exception, int): pass",
    "class C(OSError, SyntaxError): pass",
    "class C(StopIteration, OSError): pass",
    "class C(OSError, KeyError): pass",
    "class C(ValueError, TypeError): pass",
    "class C(ValueError, A): pass",
    "class C(M1, M2): pass",
    "class C(bool): pass",
    "class C(int): __slots__ = ('x',)",
    "class C(int): __slots__ = ('__dict__',)",
    "class C(int): __slots__ = ()",
    "class C(bytes): __slots__ = 'x'",
    "class C(tuple): __slots__ = ('x',)",
    "class C(I): __slots__ = ('x',)",
    "class C(type): __slots__ = ('x',)",
    "class C(str): __slots__ = ('x',)",
    "class C(float): __slots__ = ('x',)",
    "class C: __slots__ = ('__dict__', '__dict__')",
    "class C(P): __slots__ = ('__dict__',)",
    "class C: __slots__ = ('__weakref__', '__weakref__')",
    "class C(P): __slots__ = ('__weakref__',)",
    "class C(set): __slots__ = ('__weakref__',)",
    "class C: __slots__ = (1,)",
    "class C: __slots__ = ('1a',)",
    "class C: __slots__ = 'a b'",
    "class C: __slots__ = ('a', 'a')",
    "class C:\n  __slots__ = ('a',)\n  a = 1",
    "class C:\n  __slots__ = ('__a',)\n  __a = 1",
    "class C: __slots__ = ('__a', 'b__', '__c__')",
    "class C: __slots__ = ('__qualname__',)",
    "class C(A, Weak): __slots__ = ()",
    "class C(Empty, P): __slots__ = ()",
]:
    define(src)

# Private names are mangled, so methods reach them; slots are laid out sorted.
class X:
    __slots__ = ('__p', 'q')
    def __init__(self):
        self.__p = 1
        self.q = 2
    def get(self):
        return self.__p
x = X()
print(x.get(), x.q, X.__slots__)

# A secondary base brings its __dict__ along even when __slots__ is empty.
class Y(A, P): __slots__ = ()
y = Y()
y.z = 5
y.a = 6
print(y.z, y.a, y.__dict__, hasattr(y, '__weakref__'))
class Z(A, Weak): __slots__ = ()
print(hasattr(Z(), '__dict__'), Z().__weakref__)

# A plain class has __weakref__ (None here), read-only.
p = P()
print(p.__weakref__)
try:
    p.__weakref__ = 1
except AttributeError as e:
    print("AttributeError:", e)

# A class of a metaclass keeps its namespace as __dict__.
class C(metaclass=M1):
    attr = 1
print(sorted(k for k in C.__dict__ if not k.startswith('__')), '__dict__' in M1.__dict__)
C.more = 2
print(C.more, 'more' in C.__dict__)
