# tuples: packing, unpacking, single-element, immutability, methods, comparisons
t = 1, 2, 3
s = (1,)
e = ()
print(t, s, e, type(s).__name__, len(e), t[1], t[-1], t[:2], t + (4,), t * 2)
a, b, c = t
print(a + b + c, t.count(2), t.index(3), tuple([1, 2]), tuple("ab"), (1, 2) < (1, 3), (2,) > (1, 9))
try:
    t[0] = 5
except TypeError as e:
    print(type(e).__name__, e)
nested = ((1, 2), [3, 4])
nested[1].append(5)
print(nested, hash((1, 2, 3)) == hash((1, 2, 3)), hash((1, (2, 3))) == hash((1, (2, 3))))
try:
    hash((1, [2]))
except TypeError as e:
    print(type(e).__name__, e)
print(hash(()), hash((1,)), hash((1, 2)), hash((-1, 0)))
