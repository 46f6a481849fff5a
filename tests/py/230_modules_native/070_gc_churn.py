# the native data-structure objects keep what they hold alive across collections
import gc
import itertools as it
from _collections import deque, defaultdict
from _functools import partial, _lru_cache_wrapper
import _operator as o
import _struct

d = deque(maxlen=50)
for i in range(2000):
    d.append([i] * 3)
    if i % 500 == 0:
        gc.collect()
print(len(d), d[0], d[-1])
t1, t2 = it.tee(str(i) for i in range(300))
head = list(it.islice(t1, 250))
gc.collect()
print(head[-1], len(list(t2)), list(t1)[:3])
groups = it.groupby(sorted(str(i % 7) * 2 for i in range(100)))
k, g = next(groups)
gc.collect()
print(k, len(list(g)), [k for k, _ in groups])
p = it.product(*[[str(i), str(i + 1)] for i in range(10)])
gc.collect()
print(sum(1 for _ in p))
perms = it.permutations([str(i) for i in range(6)], 3)
next(perms)
gc.collect()
print(len(list(perms)))
z = it.zip_longest([str(i) for i in range(3)], [str(i) for i in range(6)], fillvalue=str(-1))
gc.collect()
print(list(z))
dd = defaultdict(lambda: [str(len(dd))])
for i in range(500):
    dd[i % 37].append(str(i))
gc.collect()
print(len(dd), dd[5][:3])
pt = partial(lambda *a, **k: (a, k), *[str(i) for i in range(5)], key=str(99))
gc.collect()
print(pt('x'))
cache = _lru_cache_wrapper(lambda n: [n] * 2, 64, False, lambda *a: a)
for i in range(1000):
    cache(i % 100)
gc.collect()
print(cache(99), cache.cache_info())
getter = o.itemgetter(*[str(i) for i in range(3)])
mc = o.methodcaller('get', str(1), str('dflt'))
gc.collect()
print(getter({'0': 'a', '1': 'b', '2': 'c'}), mc({}))
st = _struct.Struct('<' + 'h' * 50)
it2 = st.iter_unpack(bytes(range(200)))
gc.collect()
print(next(it2)[:4], sum(1 for _ in it2))
c = it.cycle(str(i) for i in range(5))
first = [next(c) for _ in range(7)]
gc.collect()
print(first, [next(c) for _ in range(4)])
ch = it.chain.from_iterable([str(i)] * 2 for i in range(3))
gc.collect()
print(list(ch))
