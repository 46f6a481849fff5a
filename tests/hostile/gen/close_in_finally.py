# gen: close() where finally yields again, raises, or closes another generator
def yields_in_finally():
    try:
        yield 1
    finally:
        yield 2
def raises_in_finally():
    try:
        yield 1
    finally:
        raise KeyError("finally")
def other_close():
    try:
        yield 1
    finally:
        second.close()
        yield 3
for make in (yields_in_finally, raises_in_finally, other_close):
    second = yields_in_finally()
    next(second)
    gen = make()
    next(gen)
    try:
        gen.close()
    except (RuntimeError, KeyError):
        pass
    try:
        gen.close()
        next(gen)
    except (RuntimeError, StopIteration):
        pass
