# deep: == and < between two distinct 10**5-deep nested lists

a = b = None
for i in range(10**5):
    a = [a]
    b = [b]
for f in (lambda: a == b, lambda: a < b, lambda: a != b, lambda: a in [b], lambda: [a].index(b), lambda: {1: a} == {1: b}):
    try:
        f()
    except (RecursionError, TypeError):
        pass
