# _weakref.ref: callbacks after collection, reuse, hash, equality, subclassing, errors
import _weakref, gc

class A:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        return isinstance(other, A) and self.n == other.n
    def __hash__(self):
        return hash(self.n)

log = []
a = A(1)
r = _weakref.ref(a)
print(r() is a, _weakref.ref(a) is r, type(r).__name__, type(r).__module__)
print(_weakref.ref is _weakref.ReferenceType, r.__callback__)
r1 = _weakref.ref(a, lambda w: log.append(('cb1', w() is None)))
r2 = _weakref.ref(a, lambda w: log.append(('cb2', w is r2)))
print(r1 is not r2, r1 == r2, r1 == r, _weakref.getweakrefcount(a))
refs = _weakref.getweakrefs(a)
print(len(refs), refs[0] is r, refs[1] is r2, refs[2] is r1)
print(hash(r) == hash(1), r1.__callback__ is not None)
b = A(1)
rb = _weakref.ref(b)
print(r == rb, r != rb, r == 5, {r: 'x'}[rb])
del a
gc.collect()
print(log, r(), r1(), r1.__callback__)
print(hash(r) == hash(1))
rr = _weakref.ref(A(2))
gc.collect()
try:
    hash(rr)
except TypeError as e:
    print('TypeError', e)
print(rb == rb, rr == r, rr != r)

# objects that do and do not take weak references
for obj in [1, 'x', (), [], {}, 2.5, None, object(), b'', range(3)]:
    try:
        _weakref.ref(obj)
    except TypeError as e:
        print('TypeError', e)
def f(): pass
class S:
    __slots__ = ('x',)
class SW:
    __slots__ = ('x', '__weakref__')
for obj in [f, A, {1}, frozenset(), len, [].append, A(3).__init__, f.__code__, _weakref]:
    print(type(_weakref.ref(obj)).__name__, end=' ')
print()
try:
    _weakref.ref(S())
except TypeError as e:
    print('TypeError', e)
sw = SW()
print(_weakref.ref(sw)() is sw)

# subclasses (as weakref.KeyedRef)
class KeyedRef(_weakref.ref):
    __slots__ = ('key',)
    def __new__(cls, ob, callback, key):
        self = _weakref.ref.__new__(cls, ob, callback)
        self.key = key
        return self
    def __init__(self, ob, callback, key):
        super().__init__(ob, callback)
c = A(5)
seen = []
k = KeyedRef(c, lambda w: seen.append(w.key), 'the key')
print(k() is c, k.key, isinstance(k, _weakref.ref), _weakref.ref(c) is k)
del c
gc.collect()
print(seen, k())

# argument errors
for call in [lambda: _weakref.ref(), lambda: _weakref.ref(f, None, 1), lambda: r(1),
             lambda: _weakref.getweakrefcount(), lambda: _weakref.ref(f, x=1)]:
    try:
        call()
    except TypeError as e:
        print('TypeError', e)
print(_weakref.getweakrefcount(1), _weakref.getweakrefs(1))

# a callback that raises does not stop the others
d = A(7)
out = []
w1 = _weakref.ref(d, lambda w: out.append('second'))
w2 = _weakref.ref(d, lambda w: 1 / 0)
w3 = _weakref.ref(d, lambda w: out.append('first'))
import sys
class Capture:
    def __init__(self):
        self.text = []
    def write(self, s):
        self.text.append(s)
    def flush(self):
        pass
sys.stderr = cap = Capture()
del d
gc.collect()
sys.stderr = sys.__stderr__
text = ''.join(cap.text)
print(out, text.startswith('Exception ignored in: <function <lambda>'), text.splitlines()[-1])
# the ref itself dead: its callback never runs
e = A(8)
w = _weakref.ref(e, lambda w: print('never'))
del w
del e
gc.collect()

# _remove_dead_weakref
g = A(9)
dd = {'live': _weakref.ref(g), 'dead': rr, 'other': 1}
_weakref._remove_dead_weakref(dd, 'dead')
_weakref._remove_dead_weakref(dd, 'missing')
print(sorted(dd))
try:
    _weakref._remove_dead_weakref(dd, 'other')
except TypeError as e:
    print('TypeError', e)
print(_weakref.ref[int])
