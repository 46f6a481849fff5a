# {**x} and f(**x) read a dict subclass from its table and other mappings through keys(), as CPython's PyDict_Update
class D(dict):
    def keys(self): return ["a"]
    def __getitem__(self, k): return "overridden"
class M:
    def keys(self): return ["x", "y"]
    def __getitem__(self, k): return k * 2
d = D(a=1, b=2)
print({**d}, {**M()}, dict(d), dict(M()))
def f(**kw): return kw
print(f(**d), f(**M()))
try:
    {**5}
except TypeError as e:
    print(e)
class BadKeys:
    def keys(self): return 5
try:
    {**BadKeys()}
except TypeError as e:
    print(e)
