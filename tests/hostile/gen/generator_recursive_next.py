# gen: a generator whose body drives a copy of itself through a shared iterator
def g(it):
    for x in it:
        yield x
        try:
            next(shared)
        except (ValueError, StopIteration):
            pass
shared = g(iter(range(100)))
print(sum(1 for _ in shared))
def self_ref():
    yield from self_gen
self_gen = self_ref()
try:
    next(self_gen)
except ValueError:
    pass
