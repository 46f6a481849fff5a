# recurse: __hash__ that inserts the object into the dict being used, recursively
class K:
    depth = 0
    def __hash__(self):
        K.depth += 1
        if K.depth < 500:
            D[K()] = 1
        return K.depth
D = {}
try:
    D[K()] = 0
except RecursionError:
    pass
K.depth = 0
S = set()
class K2:
    def __hash__(self):
        S.add(K2())
        return 1
try:
    S.add(K2())
except RecursionError:
    pass
