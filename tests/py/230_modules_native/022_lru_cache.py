# _functools._lru_cache_wrapper: hits/misses, maxsize None/0/n, typed, eviction order, recursion, re-entrancy
from _functools import _lru_cache_wrapper

def CacheInfo(hits, misses, maxsize, currsize):
    return ('CacheInfo', hits, misses, maxsize, currsize)

calls = []
def sq(x):
    calls.append(x)
    return x * x
w = _lru_cache_wrapper(sq, 2, False, CacheInfo)
print([w(i) for i in (1, 2, 1, 3, 2, 1)], calls, w.cache_info())
w.cache_clear()
print(w.cache_info(), w(4), w.cache_info())
inf = _lru_cache_wrapper(sq, None, False, CacheInfo)
print([inf(i) for i in range(5)] + [inf(i) for i in range(5)], inf.cache_info())
zero = _lru_cache_wrapper(sq, 0, False, CacheInfo)
print(zero(3), zero(3), zero.cache_info())
neg = _lru_cache_wrapper(sq, -5, False, CacheInfo)
print(neg(2), neg.cache_info())
typed = _lru_cache_wrapper(sq, 10, True, CacheInfo)
calls.clear()
print(typed(1), typed(1.0), typed(True), typed(1), calls, typed.cache_info())
untyped = _lru_cache_wrapper(sq, 10, False, CacheInfo)
calls.clear()
print(untyped(1), untyped(1.0), untyped(True), calls)
def kw(a, b=0, **rest):
    calls.append((a, b, sorted(rest.items())))
    return a + b
kc = _lru_cache_wrapper(kw, 10, False, CacheInfo)
calls.clear()
print(kc(1, 2), kc(1, b=2), kc(1, b=2), kc(a=1, b=2), kc(1, 2), calls, kc.cache_info()[1:])

fib_calls = 0
def fib(n):
    global fib_calls
    fib_calls += 1
    return n if n < 2 else fibc(n - 1) + fibc(n - 2)
fibc = _lru_cache_wrapper(fib, None, False, CacheInfo)
print(fibc(80), fib_calls, fibc.cache_info())
fib_calls = 0
fibb = _lru_cache_wrapper(fib, 3, False, CacheInfo)
fibc = fibb
print(fibb(30), fib_calls, fibb.cache_info())

# a re-entrant call that fills the same key while the outer call runs
depth = 0
def reenter(x):
    global depth
    depth += 1
    if depth == 1:
        rc(x)
    return ('value', depth)
rc = _lru_cache_wrapper(reenter, 1, False, CacheInfo)
print(rc(7), rc(7), rc.cache_info())

def boom(x):
    raise KeyError(x)
b = _lru_cache_wrapper(boom, 5, False, CacheInfo)
try:
    b(1)
except KeyError as e:
    print('KeyError', e, b.cache_info())
try:
    w([])
except TypeError as e:
    print('TypeError', e)
for bad in [lambda: _lru_cache_wrapper(1, 1, False, CacheInfo), lambda: _lru_cache_wrapper(sq, 'a', False, CacheInfo),
            lambda: _lru_cache_wrapper(sq, 1, False)]:
    try:
        bad()
    except TypeError as e:
        print('TypeError', e)
# as a method, with attributes set the way functools.update_wrapper sets them
class C:
    def __init__(self, v):
        self.v = v
    def m(self, x):
        return self.v + x
C.m = _lru_cache_wrapper(C.m, 8, False, CacheInfo)
c = C(10)
print(c.m(1), c.m(1), C.m.cache_info(), C.m(c, 1))
C.m.__wrapped__ = 'wrapped'
C.m.cache_parameters = lambda: {'maxsize': 8}
print(C.m.__wrapped__, C.m.cache_parameters(), sorted(C.m.__dict__))
print(w.__copy__() is w, w.__deepcopy__({}) is w)
