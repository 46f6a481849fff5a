# gen: exhausted, closed, never-started generators used in every way
def g():
    yield 1
gen = g()
list(gen)
for f in (lambda: next(gen), lambda: gen.send(1), lambda: gen.throw(ValueError), lambda: gen.close(), lambda: list(gen)):
    try:
        f()
    except (StopIteration, ValueError):
        pass
fresh = g()
for f in (lambda: fresh.send(1), lambda: fresh.throw(KeyError), lambda: fresh.close(), lambda: next(fresh)):
    try:
        f()
    except (TypeError, KeyError, StopIteration):
        pass
gen = g()
print(gen.gi_running, gen.gi_frame is not None, gen.__name__, gen.__qualname__)
