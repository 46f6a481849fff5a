# mutate: min/max/sorted/sum/any/all over a list that the key or __lt__ clears
L = list(range(100))
def key(x):
    L.clear()
    return x
max(L, key=key)
L = list(range(100))
try:
    min(L, key=lambda x: L.append(x) if len(L) < 500 else x)
except TypeError:
    pass
class E:
    def __lt__(self, o):
        L.clear()
        return True
    def __gt__(self, o):
        L.clear()
        return False
    def __bool__(self):
        L.clear()
        return True
    def __add__(self, o):
        L.clear()
        return self
    __radd__ = __add__
for f in (max, min, sorted, sum, any, all):
    L = [E() for _ in range(20)]
    try:
        f(L)
    except TypeError:
        pass
