# deep: repr/str/== of a 2*10**5-deep nested list, dict and tuple
# hostile: timeout=40

for make in (lambda x: [x], lambda x: {1: x}, lambda x: (x,), lambda x: [x, 1]):
    x = None
    for i in range(2 * 10**5):
        x = make(x)
    for f in (repr, str, lambda v: v == v, lambda v: v == make(make(None)), hash, lambda v: v < v):
        try:
            f(x)
        except (RecursionError, TypeError):
            pass
