# itertools: every 3.11 iterator on ordinary input, with islice to bound the infinite ones
import itertools as it

print(list(it.islice(it.count(), 5)), list(it.islice(it.count(10, -3), 4)))
print(list(it.islice(it.count(1.5, 0.25), 3)), list(it.islice(it.count(2**62, 2**62), 3)))
print(list(it.islice(it.cycle('abc'), 8)), list(it.cycle([])))
print(list(it.repeat('x', 3)), list(it.repeat(1, -2)), list(it.islice(it.repeat(None), 2)))
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([3, 1, 4, 1, 5], max)))
print(list(it.accumulate([1, 2, 3], initial=100)), list(it.accumulate([], initial=7)), list(it.accumulate('abc')))
print(list(it.chain('ab', [1, 2], (), range(2))), list(it.chain()), list(it.chain.from_iterable(['xy', 'z'])))
print(list(it.compress('ABCDEF', [1, 0, 1, 0, 1, 1])), list(it.compress('AB', [1, 1, 1, 1])))
print(list(it.dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(it.takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(it.filterfalse(lambda x: x % 2, range(10))), list(it.filterfalse(None, [0, 1, '', 'a', None])))
print(list(it.filterfalse(bool, [0, 3, []])))
print([(k, list(g)) for k, g in it.groupby('AAAABBBCCDAABBB')])
print([(k, list(g)) for k, g in it.groupby([1, 3, 5, 2, 4, 7], key=lambda x: x % 2)])
print([k for k, g in it.groupby('AAAABBBCCD')])
groups = [g for k, g in it.groupby('aabb')]
print([list(g) for g in groups])  # a group is empty once the groupby has moved on
print(list(it.islice('ABCDEFG', 2)), list(it.islice('ABCDEFG', 2, 4)), list(it.islice('ABCDEFG', 2, None)))
print(list(it.islice('ABCDEFG', 0, None, 2)), list(it.islice(range(100), 5, 50, 10)), list(it.islice('abc', None)))
print(list(it.islice('abc', None, None, None)), list(it.islice('abc', 0)))
print(list(it.pairwise('ABCDE')), list(it.pairwise('A')), list(it.pairwise([])))
print(list(it.starmap(pow, [(2, 5), (3, 2), (10, 3)])), list(it.starmap(max, ['ab', [3, 1]])))
print(list(it.zip_longest('ABCD', 'xy', fillvalue='-')), list(it.zip_longest('ab', range(3))), list(it.zip_longest()))
a, b = it.tee(iter([1, 2, 3]))
print(next(a), next(a), list(b), list(a))
a, b, c = it.tee('xyz', 3)
print(list(a), list(b), list(c), it.tee('ab', 0))
t1, t2 = it.tee(range(200))
print(sum(t1), sum(t2))
t1, = it.tee('abc', 1)
t2 = t1.__copy__()
print(next(t1), list(t2), list(t1))
x, y = it.tee(it.tee('ab')[0])
print(list(x), list(y), type(x).__name__)
# class names and subclassing
print([t.__name__ for t in (it.count, it.cycle, it.repeat, it.chain, it.groupby, it.islice, it.zip_longest, it.product)])
print(it.count.__module__, it.chain.__class_getitem__(int))
class MyCount(it.count):
    pass
print(list(it.islice(MyCount(3), 2)), repr(MyCount(3, 2)), isinstance(MyCount(), it.count))
print(iter(it.count()) is not None, next(iter(it.repeat(5))))
