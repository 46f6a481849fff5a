# gen: generator expressions over odd iterables, with hostile conditions and nested use
class Bad:
    def __iter__(self):
        raise KeyError
try:
    (x for x in Bad())
except KeyError:
    pass
try:
    (x for x in 5)
except TypeError:
    pass
gen = (x for x in range(10))
try:
    print(list(y for y in gen if next(gen)))
except StopIteration:
    pass
g2 = (1 / x for x in [1, 0, 2])
for _ in range(3):
    try:
        next(g2)
    except (ZeroDivisionError, StopIteration):
        pass
