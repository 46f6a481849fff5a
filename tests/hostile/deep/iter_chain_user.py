# deep: a chain of 10**5 user iterators each delegating next() to the next one

class It:
    def __init__(self, inner):
        self.inner = inner
    def __iter__(self):
        return self
    def __next__(self):
        return next(self.inner)
it = iter([1])
for i in range(10**5):
    it = It(it)
try:
    list(it)
except RecursionError:
    pass
