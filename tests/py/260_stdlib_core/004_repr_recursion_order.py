# container reprs: the recursion check comes before the empty check where CPython's does
import _collections as collections

d = collections.defaultdict()
d.default_factory = d
print(repr(d))
d[1] = 2
print(repr(d))
e = collections.defaultdict()
e.default_factory = e.copy
print(repr(e)[:20])
l = []
l.append(l)
print(l, [[]], (), [()], {})
t = ([],)
t[0].append(t)
print(t)
s = collections.deque()
s.append(s)
print(s, collections.deque())
dd = {}
dd[1] = dd
print(dd, dd.keys(), dd.values(), dd.items())


class R:
    def __init__(self):
        self.c = {}

    def __repr__(self):
        return "R(%r)" % (self.c,)


r = R()
print(r)
r.c[0] = r
print(r)
