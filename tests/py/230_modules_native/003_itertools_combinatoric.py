# itertools: product, permutations, combinations, combinations_with_replacement and their edge cases
import itertools as it
from math import comb, factorial, perm

print(list(it.product('ab', range(3))))
print(list(it.product('ab', repeat=2)), list(it.product()), list(it.product('ab', [])), list(it.product(repeat=0)))
print(list(it.product([1, 2], 'x', repeat=2)))
print(list(it.permutations('abc')), list(it.permutations('abc', 2)), list(it.permutations('ab', 3)))
print(list(it.permutations('abc', 0)), list(it.permutations([])), list(it.permutations([], 1)))
print(list(it.combinations('abcd', 2)), list(it.combinations('abc', 0)), list(it.combinations('ab', 3)))
print(list(it.combinations_with_replacement('abc', 2)), list(it.combinations_with_replacement('', 0)))
print(list(it.combinations_with_replacement('', 2)), list(it.combinations_with_replacement('a', 3)))
for n in range(6):
    for r in range(7):
        s = range(n)
        assert len(list(it.permutations(s, r))) == (perm(n, r) if r <= n else 0)
        assert len(list(it.combinations(s, r))) == (comb(n, r) if r <= n else 0)
        assert len(list(it.combinations_with_replacement(s, r))) == (comb(n + r - 1, r) if n else (1 if r == 0 else 0))
        assert list(it.combinations(s, r)) == sorted(set(it.combinations(s, r)))
print('counts ok', len(list(it.permutations(range(7)))) == factorial(7))
# results are fresh tuples even when the previous one is kept
p = it.product('ab', repeat=2)
first = next(p)
second = next(p)
print(first, second, first is not second)
c = it.combinations(range(4), 2)
kept = [next(c), next(c)]
print(kept)
# the pool is read once, so a one-shot iterator works
print(list(it.product(iter('ab'), repeat=2)))
print(list(it.permutations(iter([3, 1, 2]))))
