# cleanup: ExceptionGroup constructed with odd arguments, nested deeply, split/subgroup with bad predicates
for args in (("m", []), ("m", [1]), ("m", 5), (5, [ValueError()]), ("m", [ValueError()] * 1000), ("m", (KeyboardInterrupt(),))):
    try:
        eg = ExceptionGroup(*args)
        eg.split(ValueError)
        eg.subgroup(lambda e: 1 / 0)
    except (TypeError, ValueError, ZeroDivisionError):
        pass
eg = ValueError("leaf")
for i in range(2000):
    eg = ExceptionGroup("g%d" % i, [eg])
for f in (lambda: eg.split(ValueError), lambda: eg.subgroup(KeyError), lambda: eg.derive([1]), lambda: repr(eg)):
    try:
        f()
    except (RecursionError, TypeError):
        pass
try:
    raise eg
except* ValueError:
    pass
