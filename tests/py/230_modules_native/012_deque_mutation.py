# _collections.deque: mutation during iteration and during comparisons, as CPython detects it
from _collections import deque

d = deque([1, 2, 3])
it = iter(d)
print(next(it), it.__length_hint__())
d.append(4)
try:
    next(it)
except RuntimeError as e:
    print('RuntimeError', e)
try:
    for x in d:
        d.pop()
except RuntimeError as e:
    print('RuntimeError', e)

class Evil:
    def __init__(self, d):
        self.d = d
    def __eq__(self, other):
        self.d.clear()
        return False

for method in ('count', 'index', '__contains__'):
    d = deque([1, 2, 3])
    d.append(Evil(d))
    d.rotate(1)
    try:
        print(getattr(d, method)(99))
    except (RuntimeError, ValueError) as e:
        print(method, type(e).__name__, e)
d = deque([1, 2, 3])
d.appendleft(Evil(d))
try:
    d.remove(99)
except IndexError as e:
    print('remove IndexError', e)
a = deque([Evil(None), 1])
a[0].d = a
b = deque([0, 1])
try:
    print(a == b)
except RuntimeError as e:
    print('compare RuntimeError', e)
# setitem does not count as a mutation (CPython's state is unchanged)
d = deque('abc')
it = iter(d)
d[1] = 'X'
print(list(it))
r = reversed(deque('abcd'))
print(next(r), r.__length_hint__(), list(r))
# extend with itself
d = deque([1, 2]); d.extend(d); d.extendleft(d); print(d)
d = deque([1, 2], maxlen=3); d += d; print(d)
