# deep chains of nested generators (yield from) and of generators wrapping generators
import sys
sys.setrecursionlimit(100_000)
def chain(n):
    if n == 0:
        yield "bottom"
        yield "again"
        return "ret0"
    r = yield from chain(n - 1)
    return r + "+" if n % 1000 == 0 else r
g = chain(20000)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print(len(e.value), e.value[:8])
def wrap(it):
    for x in it:
        yield x + 1
it = iter(range(5))
for _ in range(5000):
    it = wrap(it)
print(list(it))
