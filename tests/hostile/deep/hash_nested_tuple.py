# deep: hash of a 10**6-deep nested tuple and frozenset
# hostile: timeout=40

t = ()
for i in range(10**6):
    t = (t,)
try:
    hash(t)
except RecursionError:
    pass
try:
    {t: 1}
except RecursionError:
    pass
f = frozenset()
for i in range(10**5):
    f = frozenset([f])
try:
    hash(f)
    f == frozenset([f])
except RecursionError:
    pass
