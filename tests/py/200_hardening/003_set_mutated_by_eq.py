# set and frozenset operations whose __eq__/__hash__ callbacks mutate the sets they probe
def run(name, f):
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)
class K:
    def __init__(self, s, v=0): self.s = s; self.v = v
    def __hash__(self): return 1
    def __eq__(self, o): self.s.clear(); return False
    def __repr__(self): return "K%d" % self.v
class G:
    def __init__(self, s, v=0): self.s = s; self.v = v
    def __hash__(self): return 1
    def __eq__(self, o):
        if isinstance(o, G):
            for i in range(100, 150): self.s.add(i)
        return False
    def __repr__(self): return "G%d" % self.v
s = set(); run("add", lambda: (s.add(K(s)), s.add(K(s)), len(s))[2])
s = set(); run("add3", lambda: (s.add(K(s)), s.add(K(s)), s.add(K(s)), len(s))[3])
s = set(); run("addgrow", lambda: (s.add(G(s)), s.add(G(s)), len(s))[2])
s = set(); run("update", lambda: (s.update([K(s), K(s)]), len(s))[1])
s = set(); run("update2", lambda: (s.update([K(s, 1)], [K(s, 2)], [K(s, 3)]), len(s))[1])
s = set(); run("ior", lambda: (s.__ior__({K(s, 1), K(s, 2)}), len(s))[1])
s = set(); run("init", lambda: (s.__init__([K(s), K(s)]), len(s))[1])
s = set(); run("contains", lambda: (s.add(K(s)), K(s) in s)[1])
s = set(); run("discard", lambda: (s.add(K(s)), s.discard(K(s)), len(s))[2])
s = set(); run("remove", lambda: (s.add(K(s)), s.remove(K(s)))[1])
s = set(); run("inter", lambda: (s.update([K(s), 1, 2]), s & {K(s), 1})[1])
s = set(); run("inter2", lambda: (s.update([K(s), 1, 2]), s.intersection([K(s), 1]))[1])
s = set(); run("inter_upd", lambda: (s.update([K(s), 1, 2]), s.intersection_update([K(s), 1]), s)[2])
s = set(); run("diff", lambda: (s.update([K(s), 1, 2]), s - {K(s), 5})[1])
s = set(); run("diff2", lambda: (s.update([K(s), 1, 2]), s.difference([K(s), 5]))[1])
s = set(); run("diff_upd", lambda: (s.update([K(s), 1, 2]), s.difference_update([K(s), 5]), s)[2])
s = set(); run("xor", lambda: (s.update([K(s), 1, 2]), s ^ {K(s), 5})[1])
s = set(); run("xor_upd", lambda: (s.update([K(s), 1, 2]), s.symmetric_difference_update([K(s), 5]), len(s))[2])
s = set(); run("xor_upd2", lambda: (s.update([K(s), 1, 2]), s.symmetric_difference_update({K(s): 1}), len(s))[2])
s = set(); run("issub", lambda: (s.update([K(s), 1, 2]), s <= {K(s), 1, 2})[1])
s = set(); run("issub2", lambda: (s.update([K(s), 1, 2]), s.issubset([K(s), 1, 2]))[1])
s = set(); run("issup", lambda: (s.update([K(s), 1, 2]), s.issuperset([K(s), 1, 2]))[1])
s = set(); run("disj", lambda: (s.update([K(s), 1, 2]), s.isdisjoint([K(s), 1, 2]))[1])
s = set(); run("eq", lambda: (s.update([K(s), 1, 2]), s == {K(s), 1, 2})[1])
s = set(); run("lt", lambda: (s.update([K(s), 1]), s < {K(s), 1, 2})[1])
t = set()
s = set(); run("other_mut", lambda: (s.update([K(t), 1, 2]), t.update([K(t), 1, 2]), s == t)[2])
s = set(); run("dict_update", lambda: (s.add(K(s)), s.update({K(s): 1, K(s): 2}), len(s))[2])
s = set(); run("frozen", lambda: len(frozenset([K(s), K(s)])))
def itmut(s, f):
    out = []
    for x in s:
        out.append(x)
        f(s)
    return out
s = {1, 2, 3}; run("iter_add", lambda: itmut(s, lambda s: s.add(len(s) + 10)))
s = {1, 2, 3}; run("iter_swap", lambda: itmut(s, lambda s: (s.discard(next(iter(s))), s.add(99 + len(out_)))))
out_ = []
s = {1, 2, 3}; run("iter_swap2", lambda: sorted(itmut(s, lambda s: (s.pop(), s.add(100 + len(out_)), out_.append(1)))))
s = {1, 2, 3}; run("iter_clear", lambda: itmut(s, lambda s: s.clear()))
class R:
    def __init__(self, s): self.s = s
    def __hash__(self): return 3
    def __repr__(self): self.s.clear(); return "R"
s = set(); run("repr", lambda: (s.update([R(s), R(s), 5]), repr(s))[1])
class H:
    def __init__(self, s): self.s = s
    def __hash__(self): self.s.clear(); return 3
s = {1, 2, 3}; run("hash_clear", lambda: (s.add(H(s)), len(s))[1])
s = {1, 2, 3}; run("hash_clear2", lambda: (H(s) in s, len(s)))
