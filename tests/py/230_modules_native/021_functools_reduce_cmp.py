# _functools.reduce and cmp_to_key
from _functools import reduce, cmp_to_key

print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 10))
print(reduce(lambda a, b: a + b, [], 'init'), reduce(lambda a, b: a + b, ['only']), reduce(max, iter([3, 9, 2])))
for expr in ["reduce(lambda a, b: a, [])", "reduce(1)", "reduce(len, [1], x=1)", "reduce(len, 5)", "reduce(1, [1, 2])"]:
    try:
        eval(expr)
    except TypeError as e:
        print(expr, 'TypeError', e)

def cmp(a, b):
    return (a > b) - (a < b)
def by_len(a, b):
    return len(a) - len(b)
print(sorted([5, 1, 4, 2], key=cmp_to_key(cmp)), sorted(['ccc', 'a', 'bb'], key=cmp_to_key(by_len)))
print(sorted([5, 1, 4], key=cmp_to_key(lambda a, b: b - a)), max([1, 7, 3], key=cmp_to_key(cmp)))
K = cmp_to_key(cmp)
k1, k2 = K(1), K(2)
print(k1 < k2, k1 > k2, k1 == K(1), k1 != k2, k1 <= k2, k2 >= k1, k1.obj, type(K).__name__)
for expr in ["k1 < 1", "K()", "cmp_to_key()"]:
    try:
        eval(expr)
    except TypeError as e:
        print(expr, 'TypeError', e)
def raising(a, b):
    raise ValueError('cmp failed')
try:
    sorted([1, 2], key=cmp_to_key(raising))
except ValueError as e:
    print('ValueError', e)
try:
    hash(k1)
except TypeError:
    print('unhashable')
