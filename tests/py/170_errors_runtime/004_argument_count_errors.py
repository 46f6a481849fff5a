# TypeError messages for wrong argument counts and keyword problems
def f(a, b):
    return a + b
def g(a, b=2, *args, c, d=4, **kw):
    return a
def h(x, /, y):
    return x
class K:
    def m(self, a):
        return a
    @staticmethod
    def s(a):
        return a
    @classmethod
    def c(cls, a):
        return a
calls = [
    lambda: f(1, 2, 3), lambda: f(1), lambda: f(), lambda: f(1, 2, b=3), lambda: f(1, 2, z=3),
    lambda: f(1, b=2, zz=3, yy=4), lambda: g(), lambda: g(1), lambda: g(1, 2, 3), lambda: h(x=1, y=2),
    lambda: h(1), lambda: K().m(), lambda: K().m(1, 2), lambda: K.s(), lambda: K.c(1, 2), lambda: K(1),
    lambda: (lambda: 0)(1), lambda: (lambda *, k: k)(), lambda: f(*[1], **{"a": 2}),
]
for c in calls:
    try:
        c()
    except TypeError as e:
        print(e)
