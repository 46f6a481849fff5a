# dict lookups, updates, comparisons and views whose __eq__/__hash__/__repr__ callbacks mutate the dict
def run(name, f):
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)
class K:
    def __init__(self, d, v, mode="clear"): self.d = d; self.v = v; self.mode = mode
    def __hash__(self): return 1
    def __eq__(self, o):
        if self.mode == "clear": self.d.clear()
        elif self.mode == "grow":
            for i in range(100): self.d[i] = i
        return self is o
    def __repr__(self): return "K%d" % self.v

def setk(d, k, v): d[k] = v; return sorted(d.items(), key=repr)
d = {}; d[K(d, 0)] = 0; run("set_clear", lambda: (setk(d, K(d, 1), 1), len(d)))
d = {}; d[K(d, 0, "grow")] = 0
d = {}; d[K(d, 0)] = 0; run("get", lambda: d.get(K(d, 1)))
d = {}; d[K(d, 0)] = 0; run("getitem", lambda: d[K(d, 1)])
d = {}; d[K(d, 0)] = 0; run("contains", lambda: K(d, 1) in d)
d = {}; d[K(d, 0)] = 0; run("setdefault", lambda: (d.setdefault(K(d, 1), 5), len(d)))
d = {}; d[K(d, 0)] = 0; run("pop", lambda: d.pop(K(d, 1), 'dflt'))
d = {}; d[K(d, 0)] = 0; run("pop2", lambda: d.pop(K(d, 1)))
d = {}; d[K(d, 0)] = 0; run("del", lambda: d.__delitem__(K(d, 1)))
d = {}; d[K(d, 0)] = 0
d = {}; d[K(d, 0)] = 0
d = {}; d[K(d, 0)] = 0; run("fromkeys", lambda: len(dict.fromkeys([K(d, 1), K(d, 2)])))
class V:
    def __init__(self, d): self.d = d
    def __eq__(self, o): self.d.clear(); return True
d1 = {}; d2 = {}
for i in range(5):
    d1[i] = V(d1); d2[i] = V(d1)
run("eq", lambda: d1 == d2)
d1 = {}; d2 = {}
for i in range(5):
    d1[i] = V(d2); d2[i] = V(d2)
run("eq2", lambda: d1 == d2)
class V2:
    def __init__(self, d): self.d = d
    def __eq__(self, o):
        for i in range(100): self.d[i + 1000] = i
        return True
d1 = {}; d2 = {}
for i in range(5):
    d1[i] = V2(d1); d2[i] = V2(d1)
run("eq3", lambda: d1 == d2)
class R:
    def __init__(self, d): self.d = d
    def __repr__(self): self.d.clear(); return "R"
d = {}; d[1] = R(d); d[2] = R(d); d[3] = 3; run("repr", lambda: repr(d))
class R2:
    def __init__(self, d): self.d = d
    def __repr__(self):
        for i in range(100): self.d[i + 1000] = i
        return "R"
d = {}; d[1] = R2(d); d[2] = R2(d); run("repr2", lambda: len(repr(d)))
def itmut(d, view, f):
    out = []
    for x in view:
        out.append(x)
        f(d)
    return out
def swap(d):
    k = next(iter(d)); del d[k]; d[k + 100] = 0
d = {1: 1, 2: 2, 3: 3}; run("iter_keys_changed", lambda: itmut(d, d, swap))
d = {1: 1, 2: 2, 3: 3}; run("iter_keys_changed2", lambda: itmut(d, d.keys(), swap))
d = {1: 1, 2: 2, 3: 3}; run("iter_values_changed", lambda: itmut(d, d.values(), swap))
d = {1: 1, 2: 2, 3: 3}; run("iter_items_changed", lambda: itmut(d, d.items(), swap))
d = {1: 1, 2: 2, 3: 3}; run("iter_rev_changed", lambda: itmut(d, reversed(d), swap))
d = {1: 1, 2: 2, 3: 3}; run("iter_size", lambda: itmut(d, d, lambda d: d.__setitem__(len(d) + 10, 0)))
d = {1: 1, 2: 2, 3: 3}; run("iter_size2", lambda: itmut(d, d.items(), lambda d: d.popitem()))
d = {1: 1, 2: 2, 3: 3}; run("iter_val_change_ok", lambda: itmut(d, d, lambda d: d.__setitem__(1, 5)))
d = {1: 1, 2: 2, 3: 3}
def swap2(d):
    d.clear(); d.update({7: 7, 8: 8, 9: 9})
run("iter_clear_refill", lambda: itmut(d, d, swap2))
d = {1: 1, 2: 2, 3: 3}; run("iter_pop_readd", lambda: itmut(d, d, lambda d: d.__setitem__(1, d.pop(1))))
d = {i: i for i in range(10)}
def f(d):
    for k in list(d)[:5]: del d[k]
    for k in range(20, 25): d[k] = k
run("iter_many", lambda: itmut(d, d, f))
d = {1: 1, 2: 2}
class H:
    def __hash__(self): d.clear(); return 1
    def __eq__(self, o): return False
run("hash_clear_set", lambda: (d.__setitem__(H(), 1), len(d)))
d = {}
class KB:
    def __hash__(self): return 5
    def __eq__(self, o):
        d.clear()
        return False
def fill():
    for i in range(5): d[KB()] = i
    return len(d)
d = {}
run("copy_mut", lambda: (d.update({K(d, 1): 1}), len(d.copy())))
# view ops with mutation
d = {1: 1, 2: 2, 3: 3}
class M:
    def __hash__(self): return 1
    def __eq__(self, o): d.clear(); return False
    def __repr__(self): return "M"
run("keys_and", lambda: d.keys() & {M(), M()})
d = {1: 1, 2: 2, 3: 3}; run("keys_contains", lambda: M() in d.keys())
d = {1: 1, 2: 2, 3: 3}; run("items_contains", lambda: (1, M()) in d.items())
class EV:
    def __eq__(self, o): d.clear(); return True
d = {1: EV(), 2: 2}; run("items_contains2", lambda: (1, 5) in d.items())
d = {1: 1, 2: 2, 3: 3}; run("keys_eq", lambda: d.keys() == {M(), 2, 3})
d = {1: 1, 2: 2, 3: 3}; run("keys_sub", lambda: d.keys() - {M(), 2})
d = {1: 1, 2: 2, 3: 3}; run("keys_xor", lambda: d.keys() ^ {M(), 2})
d = {1: 1, 2: 2, 3: 3}; run("keys_or", lambda: len(d.keys() | {M(), 2}))
d = {1: 1, 2: 2, 3: 3}; run("isdisjoint", lambda: d.keys().isdisjoint([M(), M()]))
