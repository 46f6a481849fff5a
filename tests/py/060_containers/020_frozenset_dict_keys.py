# hashable containers as dict keys and set members: tuples, frozensets, nested
d = {}
d[(1, 2)] = "t"
d[frozenset({1, 2})] = "fs"
d[((1,), (2,))] = "nested"
d[(1, (2, (3,)))] = "deep"
print(d[(1, 2)], d[frozenset({2, 1})], d[((1,), (2,))], d[(1, (2, (3,)))], len(d))
s = {(1, 2), (2, 1), (1, 2)}
print(sorted(s), len({frozenset([1, 2]), frozenset([2, 1])}))
print({(i, j) for i in range(2) for j in range(2)} == {(0, 0), (0, 1), (1, 0), (1, 1)})
