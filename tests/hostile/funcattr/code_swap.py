# funcattr: __code__ swapped for code objects with different arg counts, free vars and flags
def one(a):
    return a
def three(a, b, c):
    return a + b + c
def gen():
    yield 1
def outer():
    x = 1
    def clo():
        return x
    return clo
clo = outer()
funcs = [one, three, gen, clo, lambda *a, **k: (a, k)]
for f in funcs:
    for g in funcs:
        h = lambda *a: a
        try:
            h.__code__ = g.__code__
        except ValueError:
            continue
        for args in ((), (1,), (1, 2, 3)):
            try:
                r = h(*args)
                if hasattr(r, "__next__"):
                    list(r)
            except (TypeError, NameError):
                pass
