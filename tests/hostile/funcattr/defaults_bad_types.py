# funcattr: __defaults__/__kwdefaults__ set to wrong types, deleted, and tuple subclasses
def f(a=1, *, b=2):
    return a, b
class T(tuple):
    def __len__(self):
        return 1000
    def __getitem__(self, i):
        return 0
for d in (None, [], 1, "ab", {}, T((1, 2)), (), (1,) * 3):
    try:
        f.__defaults__ = d
        f()
    except TypeError:
        pass
for k in (None, [], {"b": 3}, {1: 1}, {"zz": 1}, {}):
    try:
        f.__kwdefaults__ = k
        f()
    except TypeError:
        pass
del f.__defaults__
del f.__kwdefaults__
try:
    f()
except TypeError:
    pass
