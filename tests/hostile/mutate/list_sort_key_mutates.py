# mutate: list.sort(key=) where the key function empties and refills the list
def key(x):
    L[:] = list(range(100))
    return -x
L = list(range(40))
try:
    L.sort(key=key)
except ValueError:
    pass
L = list(range(40))
try:
    sorted(L, key=lambda x: L.clear() or x)
except ValueError:
    pass
