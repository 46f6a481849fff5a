# array: arrayiterator pickling (__reduce__/__setstate__), buffer_info's arguments, NaN comparisons
import array
import pickle

a = array.array('i', [1, 2, 3])
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    it = iter(a)
    states = []
    for step in range(5):
        it2, a2 = pickle.loads(pickle.dumps((it, a), proto))
        a2.fromlist([7, 8])
        states.append((type(it2).__name__, list(it2)))
        next(it, None)
    print(proto, states)
it = iter(a)
print(it.__reduce__()[1:], next(it), it.__reduce__()[1:])
it.__setstate__(-5)
print(list(it))
it = iter(a)
it.__setstate__(99)
print(list(it))
try:
    a.buffer_info(42)
except TypeError as e:
    print('TypeError', e)
print(a.buffer_info()[1])
for tc in 'fd':
    x = array.array(tc, [float('nan')])
    y = array.array(tc, [float('nan')])
    print(tc, x == y, x != y, x < y, x <= y, x > y, x >= y, x == x)
print(array.array('i', [1, 2]) < array.array('i', [1, 3]), array.array('d', [1.0]) == array.array('f', [1.0]))
