# mutate: dict views and iterators while the dict changes size (RuntimeError is fine)
D = {i: i for i in range(100)}
for view in (D, D.keys(), D.values(), D.items(), reversed(D)):
    try:
        for x in view:
            D[len(D) + 1000] = 0
    except RuntimeError:
        pass
D = {i: i for i in range(10)}
it = iter(D.items())
next(it)
D.clear()
try:
    list(it)
except RuntimeError:
    pass
D = {i: i for i in range(10)}
it = iter(D)
for k in range(10):
    del D[k]
    D[k + 100] = 1
try:
    list(it)
except RuntimeError:
    pass
