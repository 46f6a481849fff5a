# gen: StopIteration raised inside generators and comprehensions (PEP 479 RuntimeError)
def g():
    yield 1
    raise StopIteration("inside")
try:
    list(g())
except RuntimeError:
    pass
def h():
    yield next(iter([]))
try:
    list(h())
except RuntimeError:
    pass
def k():
    return (yield)
gen = k()
next(gen)
try:
    gen.send(StopIteration)
except StopIteration:
    pass
try:
    list(x for x in [1] if next(iter([])))
except RuntimeError:
    pass
