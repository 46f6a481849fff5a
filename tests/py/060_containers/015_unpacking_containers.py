# star-unpacking in list/tuple/set/dict displays and calls
a = [1, 2]
b = (3, 4)
print([*a, *b], (*a, 5), {*a, *b}, [*"hi", *range(2)], {**{"x": 1}, "y": 2, **{"x": 3}})
first, *rest = [1, 2, 3, 4]
*init, last = "abcd"
x, *mid, y = range(6)
print(first, rest, init, last, x, mid, y)
(p, *q), r = [1, 2, 3], 4
print(p, q, r)
def f(*args, **kw):
    return args, kw
print(f(*a, *b, k=1, **{"m": 2}))
print(*[1, 2], *(3,), sep="-")
