# _collections.defaultdict: __missing__, default_factory, repr, copy, reduce, the | operators, subclassing
from _collections import defaultdict

d = defaultdict(list)
d['a'].append(1); d['b']; d['a'].append(2)
print(d, d.default_factory, len(d), d.get('zz'), 'zz' in d)
c = defaultdict(int, {'x': 1}, y=2)
c['z'] += 5
print(c, dict(c), isinstance(c, dict))
n = defaultdict()
try:
    n['missing']
except KeyError as e:
    print('KeyError', e)
print(repr(n), n.default_factory)
try:
    defaultdict(1)
except TypeError as e:
    print('TypeError', e)
print(defaultdict(None, {1: 2}, a=3))
cp = d.copy()
cp['new'].append(9)
print(type(cp).__name__, cp, 'new' in d)
print(d.__copy__() == d, d.__reduce__()[:4], list(d.__reduce__()[4]))
print(defaultdict().__reduce__()[1])
u = defaultdict(list, {1: 2}) | {3: 4}
print(type(u).__name__, u, u.default_factory)
v = {5: 6} | defaultdict(set, {7: 8})
print(type(v).__name__, v, v.default_factory)
try:
    defaultdict(list) | 1
except TypeError:
    print('| int: TypeError')
w = defaultdict(list); w |= {1: 2}; print(w)
d.default_factory = lambda: 'dflt'
print(d['q'], d['q'])
d.default_factory = None
try:
    d['r']
except KeyError as e:
    print('KeyError', e)
r = defaultdict(None, {1: 2}); r.default_factory = r
print(repr(r))
class Counter(defaultdict):
    def __init__(self):
        super().__init__(int)
cnt = Counter()
for ch in 'mississippi':
    cnt[ch] += 1
print(sorted(cnt.items()), type(cnt).__name__, repr(cnt)[:8])
class Weird(defaultdict):
    def __missing__(self, key):
        return key * 2
print(Weird(list)[21], defaultdict.__name__, defaultdict.__module__, defaultdict[str, int])
# __missing__ runs only for [] (not get or in)
g = defaultdict(lambda: 0)
print(g.get(1), 1 in g, g.setdefault(2, 3), dict(g))
