# ExceptionGroup basics (3.11): construction, exceptions, subgroup/split, except*
eg = ExceptionGroup("many", [ValueError(1), TypeError(2), ValueError(3)])
print(repr(eg), str(eg), len(eg.exceptions), eg.message)
match, rest = eg.split(ValueError)
print(repr(match), repr(rest))
print(repr(eg.subgroup(TypeError)))
try:
    raise ExceptionGroup("g", [KeyError("a"), OSError("b")])
except* KeyError as g:
    print("caught keys", repr(g))
except* OSError as g:
    print("caught oserrors", repr(g))
try:
    ExceptionGroup("bad", [])
except ValueError as e:
    print(type(e).__name__, e)
