# __defaults__ / __kwdefaults__ / __code__ assignment: any tuple length binds from its end, CPython's messages, never a crash
def attempt(label, f):
    try:
        print(label, "->", f())
    except (TypeError, ValueError) as e:
        print(label, "->", type(e).__name__ + ":", e)


def f(a=1):
    return a
f.__defaults__ = (7, 8)
attempt("f()", lambda: f())
attempt("f(3)", lambda: f(3))

def g(a, b=2, c=3):
    return (a, b, c)
g.__defaults__ = (10, 20, 30, 40)
attempt("g() long", lambda: g())
attempt("g(1) long", lambda: g(1))
attempt("g(1, 2, 3, 4) long", lambda: g(1, 2, 3, 4))
g.__defaults__ = (99,)
attempt("g() short", lambda: g())
attempt("g(1) short", lambda: g(1))
attempt("g(1, 2) short", lambda: g(1, 2))
g.__defaults__ = None
attempt("g(1) none", lambda: g(1))
print(g.__defaults__)
g.__defaults__ = ()
attempt("g(1) empty", lambda: g(1))
attempt("set list", lambda: setattr(g, '__defaults__', [1]))
attempt("set int", lambda: setattr(g, '__defaults__', 5))
del g.__defaults__
print(g.__defaults__)
class TT(tuple): pass
g.__defaults__ = TT((5, 6))
attempt("g(1) tuple subclass", lambda: g(1))

def many(a, b, c, d=4):
    return (a, b, c, d)
many.__defaults__ = (1, 2, 3, 4, 5, 6)
attempt("many()", lambda: many())
def pos(a, b=2, /, c=3):
    return (a, b, c)
pos.__defaults__ = (7, 8, 9, 10)
attempt("pos()", lambda: pos())
def none():
    return "none"
none.__defaults__ = (1, 2)
attempt("none()", lambda: none())
attempt("none(1)", lambda: none(1))
def kwo(a, *, b):
    return (a, b)
kwo.__defaults__ = (1, 2, 3)
attempt("kwo(1, 2, b=3)", lambda: kwo(1, 2, b=3))
attempt("kwo(b=0)", lambda: kwo(b=0))

def h(*, k=1, m):
    return (k, m)
attempt("h(m=2)", lambda: h(m=2))
h.__kwdefaults__ = {'m': 5, 'unknown': 9}
attempt("h() unknown name", lambda: h())
print(h.__kwdefaults__)
h.__kwdefaults__ = None
attempt("h(m=1) none", lambda: h(m=1))
attempt("h() none", lambda: h())
attempt("set list", lambda: setattr(h, '__kwdefaults__', [('m', 1)]))
del h.__kwdefaults__
print(h.__kwdefaults__)
class DD(dict): pass
h.__kwdefaults__ = DD(m=3, k=4)
attempt("h() dict subclass", lambda: h())

def outer():
    x = 1
    def inner():
        return x
    return inner
inner = outer()
def plain():
    return 5
attempt("code 0 free -> 1", lambda: setattr(inner, '__code__', plain.__code__))
attempt("code 1 free -> 0", lambda: setattr(plain, '__code__', inner.__code__))
attempt("code int", lambda: setattr(plain, '__code__', 5))
attempt("code del", lambda: delattr(plain, '__code__'))
def two(a, b):
    return a + b
def one(a=5):
    return a * 2
two.__code__ = one.__code__
attempt("two(4) with one's code", lambda: two(4))
attempt("two() with one's code", lambda: two())
two.__defaults__ = (1, 2, 3)
attempt("two() with long defaults", lambda: two())
