# funcattr: calls with huge *args/**kwargs, duplicate keywords and non-str keyword keys
def f(*a, **k):
    return len(a), len(k)
f(*range(100000))
f(**{str(i): i for i in range(20000)})
def g(a, b):
    return a
for call in (lambda: g(1, a=2), lambda: g(**{1: 2}), lambda: g(*[1], **{"a": 1}), lambda: g(**{"a": 1}, **{"a": 2}),
             lambda: f(**{1: 2}), lambda: g(*1), lambda: g(**1), lambda: g(*None), lambda: g(1, 2, 3)):
    try:
        call()
    except TypeError:
        pass
class M:
    def keys(self):
        return [1, 2]
    def __getitem__(self, k):
        return k
try:
    f(**M())
except TypeError:
    pass
