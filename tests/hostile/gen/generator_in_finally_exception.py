# gen: generator closed while an exception is being handled in the caller and inside it
def g():
    try:
        yield 1
    except GeneratorExit:
        raise ValueError("in close")
    finally:
        try:
            raise KeyError
        except KeyError:
            pass
gen = g()
next(gen)
try:
    raise IndexError
except IndexError:
    try:
        gen.close()
    except ValueError as e:
        print(type(e.__context__).__name__)
def h():
    try:
        yield
    finally:
        return 5
gen = h()
next(gen)
gen.close()
gen = h()
next(gen)
try:
    gen.throw(KeyError)
except StopIteration:
    pass
