# throw() into generators: caught and continued, uncaught propagation, through yield from
def g():
    while True:
        try:
            yield "normal"
        except ValueError as e:
            yield "caught " + str(e)
it = g()
print(next(it), it.throw(ValueError("v1")), next(it), it.throw(ValueError, "v2"))
try:
    it.throw(KeyError("k"))
except KeyError as e:
    print("propagated", repr(e))
print(next(it, "closed after error"))
def inner():
    try:
        yield 1
    except TypeError:
        yield "inner caught"
def outer():
    yield from inner()
    yield "after"
o = outer()
print(next(o), o.throw(TypeError), next(o))
def fresh():
    yield 1
f = fresh()
try:
    f.throw(RuntimeError("before start"))
except RuntimeError as e:
    print("unstarted:", e)
