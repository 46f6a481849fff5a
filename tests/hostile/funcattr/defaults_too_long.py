# funcattr: __defaults__ tuples longer than the parameter list, then calls
def f(a, b=1):
    return a, b
f.__defaults__ = tuple(range(10))
for args in ((), (1,), (1, 2), (1, 2, 3)):
    try:
        f(*args)
    except TypeError:
        pass
g = lambda: 0
g.__defaults__ = (1, 2, 3)
g()
