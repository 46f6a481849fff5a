# recurse: __lt__ that sorts, compares and copies the list being sorted
class X:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        try:
            sorted(L)
        except (ValueError, RecursionError):
            pass
        L[:] = L[::-1]
        return self.v < o.v
L = [X(i) for i in range(8)]
try:
    L.sort()
except (ValueError, RecursionError):
    pass
