# _weakref.proxy: forwarding of attributes and operators, ReferenceError once dead
import _weakref, gc

class V:
    def __init__(self, x):
        self.x = x
    def __add__(self, o):
        return V(self.x + (o.x if isinstance(o, V) else o))
    def __radd__(self, o):
        return V(o + self.x)
    def __lt__(self, o):
        return self.x < o.x
    def __eq__(self, o):
        return isinstance(o, V) and self.x == o.x
    __hash__ = object.__hash__
    def __len__(self):
        return self.x
    def __getitem__(self, i):
        return i * 2
    def __setitem__(self, i, v):
        print('set', i, v)
    def __delitem__(self, i):
        print('del', i)
    def __contains__(self, i):
        return i == 3
    def __iter__(self):
        return iter(range(self.x))
    def __bool__(self):
        return self.x != 0
    def __str__(self):
        return 'V(%d)' % self.x
    def __neg__(self):
        return -self.x
    def __index__(self):
        return self.x
    def __int__(self):
        return self.x
    def __float__(self):
        return float(self.x)
    def __abs__(self):
        return abs(self.x)
    def method(self, y):
        return self.x * y

class C:
    def __call__(self, *a, **k):
        return ('called', a, k)

v = V(4)
p = _weakref.proxy(v)
print(type(p).__name__, p.x, p.method(3), (p + 1).x, (1 + p).x, (p + p).x)
print(p < V(5), p == V(4), p == v, len(p), p[5], 3 in p, list(p), bool(p), str(p))
print(-p, [0, 1, 2, 3, 4, 5][p], int(p), float(p), abs(p), hex(p))
p[1] = 2
del p[7]
p.y = 10
print(v.y)
del p.y
print(hasattr(v, 'y'), _weakref.proxy(v) is p, _weakref.getweakrefcount(v))
q = p
q += 5
print(type(q).__name__, q.x, v.x)
try:
    hash(p)
except TypeError as e:
    print('TypeError', e)
c = C()
cp = _weakref.proxy(c)
print(type(cp).__name__, cp(1, k=2), callable(cp), callable(p))
print(type(p) is _weakref.ProxyType, type(cp) is _weakref.CallableProxyType)
called = []
p2 = _weakref.proxy(v, lambda w: called.append(type(w).__name__))
del v, q
gc.collect()
print(called)
for op in [lambda: p.x, lambda: p + 1, lambda: len(p), lambda: str(p), lambda: p.method, lambda: bool(p)]:
    try:
        op()
    except ReferenceError as e:
        print('ReferenceError', e)
try:
    _weakref.proxy(5)
except TypeError as e:
    print('TypeError', e)
v1 = V(1)
try:
    next(_weakref.proxy(v1))
except TypeError as e:
    print('TypeError', e)
