# itertools: __reduce__/__setstate__ rebuild an equivalent iterator (what copy.copy and pickle do)
import itertools as it

def rebuild(obj):
    r = obj.__reduce__()
    new = r[0](*r[1])
    if len(r) > 2 and r[2] is not None:
        new.__setstate__(r[2])
    return new

def check(name, make, advance):
    a = make()
    for _ in range(advance):
        next(a)
    b = rebuild(a)
    print(name, type(b).__name__, list(it.islice(b, 8)))

check('count', lambda: it.count(3, 2), 2)
check('repeat', lambda: it.repeat('r', 4), 1)
check('cycle', lambda: it.cycle('abc'), 2)
check('cycle-done', lambda: it.cycle(iter('ab')), 3)
check('accumulate', lambda: it.accumulate([1, 2, 3, 4]), 2)
check('accumulate-initial', lambda: it.accumulate([1, 2], initial=10), 0)
check('accumulate-func', lambda: it.accumulate([5, 2, 9, 1], max), 1)
check('chain', lambda: it.chain('ab', 'cd', 'e'), 1)
check('chain-fresh', lambda: it.chain('ab', 'cd'), 0)
check('compress', lambda: it.compress('abcdef', [1, 0, 1, 1, 0, 1]), 1)
check('dropwhile', lambda: it.dropwhile(lambda x: x < 3, [1, 2, 3, 4, 1]), 1)
check('takewhile', lambda: it.takewhile(lambda x: x < 3, [1, 2, 3, 1]), 1)
check('filterfalse', lambda: it.filterfalse(None, [0, 1, 0, 2]), 0)
check('starmap', lambda: it.starmap(pow, [(2, 1), (2, 2), (2, 3)]), 1)
check('islice', lambda: it.islice('abcdefghij', 1, 9, 2), 1)
check('islice-open', lambda: it.islice(it.count(), 3, None), 2)
check('zip_longest', lambda: it.zip_longest('ab', 'wxyz', fillvalue='_'), 1)
print(it.chain().__reduce__()[1], type(it.chain().__reduce__()[2][0]).__name__, it.islice('', 0).__reduce__()[1][1:], it.compress('', []).__reduce__()[0].__name__)
c = it.chain('x')
try:
    c.__setstate__(1)
except TypeError as e:
    print('TypeError', e)
try:
    c.__setstate__(([1], ))
except TypeError as e:
    print('TypeError', e)
try:
    it.cycle('').__setstate__(1)
except TypeError as e:
    print('TypeError', e)
d = it.dropwhile(bool, [1, 0, 1])
d.__setstate__(True)
print(list(d))
# the combinatoric iterators and groupby carry their indices and keys
check('product', lambda: it.product('ab', 'xyz'), 2)
check('product-fresh', lambda: it.product('ab', repeat=2), 0)
check('combinations', lambda: it.combinations('abcd', 2), 2)
check('cwr', lambda: it.combinations_with_replacement('abc', 2), 3)
check('permutations', lambda: it.permutations('abc'), 2)
check('permutations-r', lambda: it.permutations('abcd', 2), 5)
g = it.groupby('aabbbc')
next(g)
g2 = rebuild(g)
print([(k, list(v)) for k, v in g2])
g = it.groupby('xxy')
k, grp = next(g)
r = grp.__reduce__()
print(r[0].__name__, r[1][1], list(rebuild(grp)))
next(g)
print(grp.__reduce__()[0] is iter, grp.__reduce__()[1])
p = it.product('ab', 'cd')
for _ in range(4):
    next(p)
print(p.__reduce__()[1:], list(rebuild(p)))
c = it.combinations('abc', 2)
list(c)
print(c.__reduce__()[1])
for bad in [lambda: it.product('ab').__setstate__((1, 2)), lambda: it.combinations('ab', 1).__setstate__(()),
            lambda: it.permutations('ab').__setstate__(((0, 1), (1,))), lambda: it.groupby('').__setstate__(1)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
pc = it.product('abc', repeat=2)
pc.__setstate__((5, -3))
print(list(pc))
cc = it.combinations(range(5), 3)
cc.__setstate__((0, 9, 9))
print(list(cc))
pp = it.permutations(range(3))
pp.__setstate__(((2, 0, 1), (1, 1, 1)))
print(list(pp))
# tee: the copy shares the buffered block and position
a, b = it.tee(iter('abcdef'))
next(a); next(a)
c = rebuild(a)
print(type(c).__name__, list(c), list(a), list(b))
t = it.tee(range(100))[0]
for _ in range(60):
    next(t)
d = t.__reduce__()[2][0]
cls, args = d.__reduce__()
print(cls.__name__, len(args[1]), args[2], list(rebuild(t))[:3])
for bad in [lambda: t.__setstate__((1, 2)), lambda: t.__setstate__((d, 99)), lambda: cls(iter([]), [1] * 60, None),
            lambda: cls(iter([]), [1], d)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, str(e).replace('itertools.', ''))
