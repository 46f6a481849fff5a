# itertools: reprs of count and repeat, __reduce__ where CPython 3.11 has it
import itertools as it

c = it.count()
print(repr(c), repr(it.count(5)), repr(it.count(2, 3)), repr(it.count(1.5)), repr(it.count(1.5, 1)))
print(repr(it.count(2**70)), repr(it.count(True)), repr(it.count(0, 1.0)), repr(it.count(-1, -1)))
next(c); next(c)
print(repr(c), c.__reduce__()[1], it.count(1, 2).__reduce__()[1], it.count(2, 1).__reduce__()[1])
c2 = it.count(2**63 - 3)
print([next(c2) for _ in range(5)], repr(c2))
r = it.repeat('a', 3)
print(repr(r), repr(it.repeat(None)), r.__reduce__()[1], it.repeat(1).__reduce__()[1])
next(r)
print(repr(r), r.__length_hint__(), list(r), repr(r))
print(it.count(1, 2).__reduce__()[0] is it.count, it.repeat(1).__reduce__()[0].__name__)
class R(it.repeat):
    pass
print(repr(R(1, 2)), repr(it.repeat([1, 2], 2)))
# the state a count carries rebuilds an equal count
c = it.count(10, 5)
next(c)
cls, args = c.__reduce__()
print(list(it.islice(cls(*args), 3)))
