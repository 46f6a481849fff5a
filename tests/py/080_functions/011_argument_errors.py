# exact TypeError messages for wrong call signatures
def f(a, b):
    pass
def g(a, b=1, *, c):
    pass
def h():
    pass
class C:
    def m(self, x):
        pass
tests = [
    lambda: f(1), lambda: f(), lambda: f(1, 2, 3), lambda: f(1, 2, c=3), lambda: f(1, a=1),
    lambda: g(1), lambda: g(), lambda: g(1, 2, 3, c=1), lambda: h(1), lambda: h(x=1),
    lambda: C().m(), lambda: C().m(1, 2), lambda: C.m(), lambda: f(*[1, 2, 3]),
    lambda: (lambda x: x)(), lambda: len(), lambda: len(1, 2), lambda: int("1", "2", 3),
]
for t in tests:
    try:
        t()
    except TypeError as e:
        print(e)
