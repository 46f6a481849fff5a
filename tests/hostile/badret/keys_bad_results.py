# badret: mappings whose keys() returns non-iterables, duplicates or mutating iterators (dict(), update, **)
class M:
    def __init__(self, keys):
        self.k = keys
    def keys(self):
        return self.k
    def __getitem__(self, k):
        if k == "boom":
            raise KeyError(k)
        return k
def mutating():
    d = {1: 1, 2: 2}
    for k in d:
        d[k + 10] = 0
        yield k
for keys in (5, None, ["a", "a", "a"], [1, [2]], ["boom"], mutating(), iter(range(100)), "abc", {1: 2}.keys()):
    m = M(keys)
    for f in (dict, lambda x: {}.update(x), lambda x: {**x}, lambda x: dict(x, a=1), lambda x: (lambda **k: k)(**x),
              lambda x: {}.__ior__(x), lambda x: {1: 2} | x):
        try:
            f(m)
        except (TypeError, KeyError, RuntimeError):
            pass
