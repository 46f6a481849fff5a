# generator expressions: laziness, single pass, scoping of the first iterable, nesting
log = []
def src():
    for i in range(3):
        log.append(i)
        yield i
ge = (x * 2 for x in src())
print(log, next(ge), log, list(ge), list(ge))
print(sum(x for x in range(10) if x % 2), list((x, y) for x in "ab" for y in "12"))
n = 3
ge2 = (i for i in range(n))
n = 100
print(list(ge2))
try:
    (1 / x for x in [1, 0])
    print("genexp creation does not evaluate")
    list(1 / x for x in [1, 0])
except ZeroDivisionError as e:
    print(type(e).__name__, e)
print(type(x for x in []).__name__, all(x > 0 for x in [1, 2]), any(x > 5 for x in [1, 2]))
print(dict((k, len(k)) for k in ["a", "bb"]), "".join(c.upper() for c in "gen"), tuple(i for i in range(3)))
