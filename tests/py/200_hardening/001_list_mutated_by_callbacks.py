# list natives whose __index__/__eq__/__lt__/key callbacks mutate the list they work on
def run(name, f):
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)

def mk(l, v):
    class I:
        def __index__(self): l.clear(); return v
    return I()

l = list(range(10)); run("get1", lambda: l[1:mk(l, 8)])
l = list(range(10)); run("get2", lambda: l[mk(l, 2):])
l = list(range(10)); run("get3", lambda: l[::mk(l, 2)])
l = list(range(10)); run("get4", lambda: l[slice(1, mk(l, 8))])
l = list(range(10)); run("getidx", lambda: l[mk(l, 3)])
def setslice(l, k, v):
    l[k] = v
    return l
def delslice(l, k):
    del l[k]
    return l
l = list(range(10)); run("set1", lambda: setslice(l, slice(1, mk(l, 8)), [1,2]))
l = list(range(10)); run("set2", lambda: setslice(l, slice(1, 8, mk(l, 2)), [1,2,3,4]))
l = list(range(10)); run("set3", lambda: setslice(l, mk(l, 3), 5))
l = list(range(10)); run("del1", lambda: delslice(l, slice(1, mk(l, 8))))
l = list(range(10)); run("del2", lambda: delslice(l, slice(1, 8, mk(l, 2))))
l = list(range(10)); run("del3", lambda: delslice(l, mk(l, 3)))
l = list(range(10)); run("insert", lambda: (l.insert(mk(l, 5), 'x'), l))
l = list(range(10)); run("pop", lambda: (l.pop(mk(l, 5)), l))
l = list(range(10)); run("index", lambda: l.index(3, mk(l, 1)))
l = list(range(10)); run("index2", lambda: l.index(3, 0, mk(l, 8)))
l = list(range(10)); run("mul", lambda: l * mk(l, 3))
l = list(range(10)); 
def imul():
    global l
    l *= mk(l, 3)
    return l
run("imul", imul)
class E:
    def __init__(self, l): self.l = l
    def __eq__(self, o): self.l.clear(); return False
    def __repr__(self): return "E"
l = list(range(10)); run("contains", lambda: E(l) in l)
l = list(range(10)); run("count", lambda: l.count(E(l)))
l = list(range(10)); run("remove", lambda: l.remove(E(l)))
l = list(range(10)); run("index3", lambda: l.index(E(l)))
l = list(range(10)); run("eq", lambda: l == [E(l)] * 10)
l = list(range(10)); run("eq2", lambda: [E(l)] * 10 == l)
class LT:
    def __init__(self, l): self.l = l
    def __eq__(self, o): return False
    def __lt__(self, o): self.l.clear(); return False
    __gt__ = __lt__
l = [LT(None)]*5; l2 = [1]*5; l[0].l = l; run("lt", lambda: l < l2)
l = [LT(None)]*5; l2 = [1]*5; l[0].l = l2; run("lt2", lambda: l < l2)
class S:
    def __init__(self, v, l): self.v = v; self.l = l
    def __lt__(self, o): self.l.append(1); return self.v < o.v
    def __repr__(self): return "S%d" % self.v
l = []; l.extend(S(i, l) for i in range(5, 0, -1)); run("sort", lambda: l.sort())
l = list(range(5, 0, -1)); run("sortkey", lambda: l.sort(key=lambda x: (l.append(x), x)[1]))
l = list(range(5, 0, -1)); run("sortkey2", lambda: (l.sort(key=lambda x: (l.clear(), x)[1]), l))
l = list(range(10))
class R:
    def __repr__(self): l.clear(); return "R"
l = [R(), R(), 1, 2]; run("repr", lambda: repr(l))
l = list(range(10)); run("extendself", lambda: (l.extend(x for x in l if len(l) < 15), l))
l = list(range(10))
class It:
    def __iter__(self): l.clear(); return iter([1,2])
run("setslice_iter", lambda: setslice(l, slice(2, 8), It()))
l = list(range(10)); run("setslice_iter2", lambda: setslice(l, slice(2, 8, 2), It()))
l = list(range(10))
class Ln:
    def __len__(self): l.clear(); return 5
    def __iter__(self): return iter([1,2])
run("extend_len", lambda: (l.extend(Ln()), l))
run("list_len", lambda: list(Ln()))
l = list(range(10)); run("rev", lambda: list(reversed(l)))
l = list(range(10))
def g():
    for x in l:
        if x == 3: l.clear()
        yield x
run("iter", lambda: list(g()))
