# gen: yield from odd iterables, and throwing/closing while delegating to a non-generator
class It:
    def __iter__(self):
        return self
    def __next__(self):
        return 1
    def throw(self, *a):
        raise KeyError
    def close(self):
        raise ValueError
def g(it):
    return (yield from it)
for it in (It(), [1, 2], iter(range(3)), "ab", {1: 2}, (x for x in range(3))):
    gen = g(it)
    next(gen)
    for f in (lambda: gen.send(5), lambda: gen.throw(IndexError), lambda: gen.close(), lambda: next(gen)):
        try:
            f()
        except (KeyError, ValueError, IndexError, StopIteration, AttributeError, TypeError):
            pass
def h():
    yield from 5
try:
    next(h())
except TypeError:
    pass
