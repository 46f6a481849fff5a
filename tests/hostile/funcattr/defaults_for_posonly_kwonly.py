# funcattr: oversized __defaults__/__kwdefaults__ on positional-only, keyword-only and *args functions
def f(a, /, b, *args, c, d=4, **kw):
    return a, b, args, c, d, kw
f.__defaults__ = (1,) * 50
f.__kwdefaults__ = {"c": 3, "zz": 9, 1: 2}
for call in (lambda: f(), lambda: f(1), lambda: f(1, 2, 3), lambda: f(c=1), lambda: f(1, b=2)):
    try:
        call()
    except TypeError:
        pass
def g(*, k):
    return k
g.__defaults__ = (1, 2)
g.__kwdefaults__ = None
try:
    g()
except TypeError:
    pass
