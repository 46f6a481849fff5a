# gen: throw() with odd arguments: instances, classes with values, non-exceptions, tracebacks
def g():
    while True:
        try:
            yield
        except BaseException:
            pass
gen = g()
next(gen)
for args in ((ValueError,), (ValueError, 1), (ValueError("x"),), (ValueError("x"), "y"), (1,), (None,), (object,),
             (ValueError, None, 5), (StopIteration,), (GeneratorExit,), (BaseException,), (type,),
             (ValueError, ValueError("a")), (KeyError, (1, 2))):
    try:
        gen.throw(*args)
    except (TypeError, StopIteration, RuntimeError, ValueError):
        gen = g()
        next(gen)
