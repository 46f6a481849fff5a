# mutate: reversed(list), list iterator and enumerate while the list shrinks under them
L = list(range(100))
r = reversed(L)
next(r)
L.clear()
print(list(r))
L = list(range(100))
for i, x in enumerate(L):
    del L[:50]
L = list(range(100))
it = iter(L)
next(it)
L[:] = []
print(list(it), it.__length_hint__() if hasattr(it, "__length_hint__") else 0)
