# hash of ints/tuples/floats/bools/None-free values and id comparisons only
print(hash(42), hash(-1), hash(0), hash(True), hash(2 ** 64), hash(-(2 ** 64)), hash(1.0), hash(0.0))
print(hash((1, 2)), hash((1, (2, 3))), hash(()), hash((True, 1.0)) == hash((1, 1)))
print(hash(frozenset()) == hash(frozenset()), hash(1.5) == hash(1.5))
a = [1]
b = a
print(id(a) == id(b), id(a) == id([1]), isinstance(id(a), int))
try:
    hash([])
except TypeError as e:
    print(type(e).__name__, e)
try:
    hash({})
except TypeError as e:
    print(type(e).__name__, e)
