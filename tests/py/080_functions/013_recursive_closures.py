# recursive inner functions and closures over loop-created cells
def outer(n):
    def rec(k):
        return 0 if k == 0 else k + rec(k - 1)
    return rec(n)
print(outer(100))
def memoize(fn):
    cache = {}
    def w(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    w.cache = cache
    return w
@memoize
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(150), len(fib.cache))
def counter_factory():
    counters = []
    for i in range(3):
        def c(i=i):
            return i
        counters.append(c)
    return counters
print([c() for c in counter_factory()])
