# _collections.OrderedDict (the one collections uses): order ops, views and their iterators, order-sensitive ==, repr, pickling, mutation during iteration
import _collections
import collections
import copy
import pickle
import weakref
from collections import OrderedDict

print(OrderedDict is _collections.OrderedDict, OrderedDict.__module__)
print(type(OrderedDict().keys()).__mro__, type(iter(OrderedDict())).__name__)
od = OrderedDict.fromkeys('abcde')
od.move_to_end('b')
od.move_to_end('d', last=False)
print(od, list(od), list(reversed(od)))
print(od.keys(), od.values(), od.items())
print(list(reversed(od.items())), list(reversed(od.values())))
print(od.keys() == set('abcde'), sorted(od.keys() & {'a', 'z'}), ('a', None) in od.items())
print(od.popitem(), od.popitem(last=False), od.pop('a'), od.pop('zz', 9), od)
od['x'] = 1
print(od.setdefault('y', 2), od.setdefault('x', 5))
del od['c']
print(od, len(od), dict(od), {**od}, list(od.copy().items()))
try:
    del od['nope']
except KeyError as e:
    print('KeyError', e)
try:
    od.move_to_end('nope')
except KeyError as e:
    print('KeyError', e)
try:
    OrderedDict().popitem()
except KeyError as e:
    print(repr(e))

a = OrderedDict([('e', None), ('x', 1), ('y', 2)])
b = OrderedDict([('x', 1), ('e', None), ('y', 2)])
print(od == a, od == b, od != b, od == dict(b), dict(b) == od, a.__hash__)

od.attr = [5]
p = pickle.loads(pickle.dumps(od))
print(p, type(p).__name__, p.attr, vars(p))
c = copy.copy(od)
print(c, c.attr is od.attr, copy.deepcopy(od) == od)
print(weakref.ref(od)() is od)
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    it = iter(od.items())
    next(it)
    print(proto, list(pickle.loads(pickle.dumps(it, proto))), list(it))

def mutate(case):
    o = OrderedDict.fromkeys('abc')
    try:
        for k in o:
            if case == 0:
                o.move_to_end(k)
            elif case == 1:
                o['f'] = 1
            elif case == 2:
                del o['c']
            else:
                dict.__setitem__(o, 'q', 1)
    except RuntimeError as e:
        print(case, e)
for case in range(4):
    mutate(case)
o = OrderedDict(a=1, b=2)
dict.__delitem__(o, 'a')
try:
    repr(o)
except KeyError as e:
    print('KeyError', e)

class Sub(OrderedDict):
    pass
s = Sub(a=1, b=2)
s |= {'c': 3}
print(s, s | {'d': 4}, {'z': 0} | s, s.copy(), type(s.copy()).__name__)
r = OrderedDict()
r['self'] = r
print(r, r.keys())
for args in [(1, 2), ([(1,)],), ([(1, 2, 3)],)]:
    try:
        OrderedDict(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    od.update({}, {})
except TypeError as e:
    print(e)
u = OrderedDict()
u.update([('k', 1)], z=2)
u.update({'m': 3})
u.update(OrderedDict(n=4))
print(u)

class LRU(OrderedDict):
    def __init__(self, size):
        super().__init__()
        self.size = size
        self.counts = dict.fromkeys(('get', 'set', 'del'), 0)
    def __getitem__(self, k):
        self.counts['get'] += 1
        v = super().__getitem__(k)
        self.move_to_end(k)
        return v
    def __setitem__(self, k, v):
        self.counts['set'] += 1
        while k not in self and len(self) >= self.size:
            self.popitem(last=False)
        super().__setitem__(k, v)
        self.move_to_end(k)
    def __delitem__(self, k):
        self.counts['del'] += 1
        super().__delitem__(k)
c = LRU(2)
for i in range(4):
    c[i] = i
print(list(c), c.pop(3), c.counts)
