# deep: exception __context__ cycles, then raising and printing them

a = ValueError("a")
b = KeyError("b")
a.__context__ = b
b.__context__ = a
a.__cause__ = a
try:
    try:
        raise a
    except ValueError:
        raise b
except KeyError:
    pass
raise a
