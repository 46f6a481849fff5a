# generator return values via StopIteration.value, return in middle, StopIteration inside generator
def g():
    yield 1
    return {"result": 42}
it = g()
next(it)
try:
    next(it)
except StopIteration as e:
    print(e.value, e.args)
def early(n):
    for i in range(n):
        if i == 2:
            return "early exit"
        yield i
print(list(early(10)))
def raises_stop():
    yield 1
    raise StopIteration("bad")
try:
    list(raises_stop())
except RuntimeError as e:
    print(type(e).__name__, e, "| cause:", repr(e.__cause__))
def empty():
    return
    yield
print(list(empty()))
