# itertools: callbacks that raise, re-enter or mutate; tee re-entrancy; groupby key calls
import itertools as it

def boom(x):
    raise ValueError('boom %r' % (x,))

for make in [lambda: it.dropwhile(boom, [1]), lambda: it.takewhile(boom, [1]), lambda: it.filterfalse(boom, [1]),
             lambda: it.starmap(boom, [(1,)]), lambda: it.groupby([1], boom), lambda: it.accumulate([1, 2], lambda a, b: boom(a))]:
    try:
        list(make())
    except ValueError as e:
        print(type(e).__name__, e)

calls = []
def key(x):
    calls.append(x)
    return x // 2
print([(k, list(g)) for k, g in it.groupby(range(6), key)], calls)

# an iterator that raises partway: the error propagates, then iteration continues
class Flaky:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n == 2:
            raise KeyError('second')
        if self.n > 4:
            raise StopIteration
        return self.n
ch = it.chain(Flaky())
try:
    list(ch)
except KeyError as e:
    print('KeyError', e)
print(list(ch))  # chain keeps its current iterator after an error
f = Flaky()
s = it.islice(f, 10)
try:
    list(s)
except KeyError as e:
    print('KeyError', e)
print(list(s))  # islice drops its iterator after an error, as CPython does

# re-entering a tee from inside the iterator it reads
def gen():
    yield 1
    yield next(t[0])
t = it.tee(gen())
print(next(t[0]))
try:
    next(t[0])
except RuntimeError as e:
    print('RuntimeError', e)

# cycle keeps what it saw, even from a generator
def g3():
    yield from 'ab'
print(list(it.islice(it.cycle(g3()), 5)))

# zip_longest stops every argument only once all are exhausted
z = it.zip_longest(iter([1]), iter([1, 2, 3]))
print(list(z), list(z))
# pairwise/compress/accumulate on generators
print(list(it.pairwise(x * x for x in range(4))), list(it.accumulate(x for x in [2, 3]) ))
