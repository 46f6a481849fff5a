# deep: repr/== /hash/sort of containers that contain themselves

L = []
L.append(L)
D = {}
D[1] = D
D[2] = L
L.append(D)
S = [L, D]
for f in (repr, str, lambda x: x == x, lambda x: x == [x], lambda x: [x] == [[x]], len, lambda x: x in x,
          lambda x: sorted([x, x]), lambda x: x.count(x) if isinstance(x, list) else 0, lambda x: print(x)):
    for x in (L, D, S):
        try:
            f(x)
        except (RecursionError, TypeError):
            pass
