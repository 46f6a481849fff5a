# sets of small ints: add, discard, remove, operations, comparisons, frozenset
s = {3, 1, 2}
s.add(4); s.add(1); s.discard(10); s.remove(2)
print(s, len(s), 1 in s, 2 in s, set(), set([5, 5, 6]))
a, b = {1, 2, 3, 4}, {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b)
print(sorted(a.union(b, [9])), a.intersection([1, 3]), a.difference({1}), sorted(a.symmetric_difference([4, 8])))
print({1, 2} <= a, {1, 2} < {1, 2}, a >= {1}, a.issubset(range(10)), a.issuperset([1, 2]), a.isdisjoint({7}))
f = frozenset([1, 2, 3])
print(f, f | {4}, type(f | {4}).__name__, type({4} | f).__name__, hash(f) == hash(frozenset([3, 2, 1])), frozenset() == set())
try:
    s.remove(42)
except KeyError as e:
    print(type(e).__name__, e)
try:
    f.add(1)
except AttributeError as e:
    print(type(e).__name__, e)
c = a.copy(); c.pop(); c.clear()
print(c, a)
a |= {10}; a &= {1, 2, 10}; a -= {1}; a ^= {3}
print(sorted(a), {frozenset({1}): "x"}, sorted({"b", "a", "c"}))
try:
    {[1]}
except TypeError as e:
    print(type(e).__name__, e)
