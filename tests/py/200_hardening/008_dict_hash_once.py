# dict and set operations hash a key once and reuse stored hashes; merging a dict that an __eq__ mutates raises
class H:
    n = 0
    def __hash__(self): H.n += 1; return 1
    def __eq__(self, o): return self is o
h = H()
d = {h: 1}
for name, f in [("setdefault", lambda: d.setdefault(h, 2)), ("setdefault_new", lambda: d.setdefault(H(), 2)),
                ("pop", lambda: d.pop(h)), ("popd", lambda: d.pop(H(), 0)), ("get", lambda: d.get(h)),
                ("contains", lambda: h in d), ("setitem", lambda: d.__setitem__(h, 3)), ("del", lambda: d.__delitem__(h)),
                ("fromkeys", lambda: dict.fromkeys([h, h])), ("update", lambda: d.update({h: 1})), ("update2", lambda: d.update([(h, 1)])),
                ("copy", lambda: d.copy()), ("dict", lambda: dict(d)), ("eq", lambda: d == {h: 1}), ("set", lambda: set([h, h])),
                ("setadd", lambda: set().add(h)), ("frozen", lambda: frozenset(d)), ("setfromset", lambda: set({h})), ("s|s", lambda: {h} | {h}),
                ("s&s", lambda: {h} & {h}), ("s-s", lambda: {h} - {h}), ("s^s", lambda: {h} ^ {h}), ("keys&", lambda: d.keys() & {h}),
                ("setdiscard", lambda: {h}.discard(h)), ("set_from_dict", lambda: set({h: 1})), ("sets_update_dict", lambda: set().update({h: 1})),
                ]:
    H.n = 0
    d = {h: 1}
    n0 = H.n
    f()
    print(name, H.n - n0)
for name, f in [("fromkeys_dict", lambda: dict.fromkeys({h: 1})), ("fromkeys_set", lambda: dict.fromkeys({h})),
                ("popitem", lambda: d.popitem()), ("pop_empty", lambda: {}.pop(h, 0)), ("setdefault_empty", lambda: {}.setdefault(h)),
                ("ior", lambda: d.__ior__({h: 2})), ("or", lambda: d | {h: 2}), ("kw", lambda: dict(d, a=1)), ("star", lambda: {**d})]:
    H.n = 0
    d = {h: 1}
    n0 = H.n
    f()
    print(name, H.n - n0)
class E:
    n = 0
    def __hash__(self): return 1
    def __eq__(self, o): E.n += 1; return False
e1, e2 = E(), E()
d = {e1: 1}
for name, f in [("pop", lambda: d.pop(e2, 0)), ("setdefault", lambda: d.setdefault(e2, 0)), ("get", lambda: d.get(e2))]:
    E.n = 0
    d = {e1: 1}
    f()
    print(name, "eq calls", E.n)

class K:
    def __init__(self, v, victim=None): self.v = v; self.victim = victim
    def __hash__(self): return 1
    def __eq__(self, o):
        if self.victim is not None:
            self.victim[len(self.victim) + 100] = 0
            self.victim = None
        return False
    def __repr__(self): return "K%d" % self.v
other = {}
d = {K(0, other): 0}
other.update({K(1): 1, K(2): 2})
for name, f in [("update", lambda: d.update(other)), ("copy_into_dict", lambda: dict(d, **{})), ("ior", lambda: d.__ior__(other))]:
    other = {}
    d = {K(0, other): 0}
    other.update({K(1): 1, K(2): 2})
    try:
        f(); print(name, len(d), len(other))
    except Exception as e: print(name, type(e).__name__, e, len(d), len(other))
# mutation of self during update from other
class KS:
    def __init__(self, v, d=None): self.v = v; self.d = d
    def __hash__(self): return 1
    def __eq__(self, o):
        if self.d is not None:
            self.d.clear()
        return False
d = {}
d[KS(0, d)] = 0
try:
    d.update({KS(1): 1, KS(2): 2})
    print("self-mut", len(d))
except Exception as e: print(type(e).__name__, e)
