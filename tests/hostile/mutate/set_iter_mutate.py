# mutate: iterating a set / frozenset construction while the set changes size
S = set(range(50))
try:
    for x in S:
        S.add(x + 100)
except RuntimeError:
    pass
S = set(range(50))
it = iter(S)
next(it)
S.clear()
S.update(range(1000))
try:
    list(it)
except RuntimeError:
    pass
class K:
    def __hash__(self):
        S.add(len(S) + 5000)
        return 1
S = set(range(10))
try:
    S.update([K() for _ in range(10)])
except RuntimeError:
    pass
try:
    S.pop()
    S.pop()
except KeyError:
    pass
