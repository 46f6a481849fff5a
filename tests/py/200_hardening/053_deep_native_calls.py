# natives calling natives 100,000 deep (iter(callable) chains, staticmethod/property wrappers): RecursionError, not a C stack overflow
N = 100_000

def chain(make, leaf, depth=N):
    x = leaf
    for _ in range(depth):
        x = make(x)
    return x

def call_chain():
    it = iter([5, 6])
    for _ in range(N):
        it = iter(it.__next__, None)
    return next(it)

def staticmethod_chain():
    return chain(staticmethod, abs)(-3)

def property_chain():
    p = chain(lambda q: property(q.__get__), property(lambda self: 7))
    class Holder:
        attr = p
    return Holder().attr

for f in (call_chain, staticmethod_chain, property_chain):
    try:
        print(f.__name__, f())
    except RecursionError as e:
        print(f.__name__, "->", e)

# shallow chains work, and again after the errors above
print(next(chain(lambda i: iter(i.__next__, None), iter([5]), 100)), chain(staticmethod, abs, 100)(-3))
