# cleanup: except clauses naming non-classes, tuples with junk, and except* with odd types
for t in (5, None, "ValueError", (ValueError, 5), [ValueError], object, (1, (2,)), type):
    try:
        try:
            raise ValueError
        except t:
            pass
    except (TypeError, ValueError):
        pass
try:
    exec("""
try:
    raise ValueError
except* 5:
    pass
""")
except (TypeError, SyntaxError, ValueError):
    pass
try:
    exec("""
try:
    raise ExceptionGroup("g", [ValueError(1), KeyError(2)])
except* (ValueError, BaseExceptionGroup):
    pass
""")
except (TypeError, SyntaxError, ExceptionGroup, KeyError):
    pass
