# *args and **kwargs collection and unpacking at call sites
def f(*args, **kwargs):
    return args, kwargs
print(f(), f(1, 2), f(a=1), f(1, *[2, 3], b=4, **{"c": 5}))
def g(a, b, c=0, *rest, d, **kw):
    return a, b, c, rest, d, kw
print(g(1, 2, d=4), g(1, 2, 3, 4, 5, d=6, e=7), g(*range(5), **{"d": 1, "z": 2}))
args = (1, 2)
kw = {"c": 3}
def h(a, b, c):
    return a * 100 + b * 10 + c
print(h(*args, **kw), h(*"", 1, 2, 3), h(**{"a": 1, "b": 2, "c": 3}))
try:
    h(1, 2, 3, **{"c": 4})
except TypeError as e:
    print(type(e).__name__, e)
try:
    f(**{"a": 1}, **{"a": 2})
except TypeError as e:
    print(type(e).__name__, e)
