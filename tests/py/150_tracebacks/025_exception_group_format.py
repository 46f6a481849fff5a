# Exception groups in tracebacks: nested boxes, chained members, notes, width and depth limits
import sys


def show(e):
    # The default hook prints exactly what an uncaught exception would show.
    sys.excepthook(type(e), e, e.__traceback__)
    print("shown", type(e).__name__, str(e))


def caught(f, *args):
    try:
        f(*args)
    except BaseException as e:
        return e


def throw(e):
    raise e


def divide(a, b):
    return a / b


def lookup(d, k):
    try:
        return d[k]
    except KeyError as e:
        raise LookupError("no " + k) from e


def convert(s):
    try:
        return int(s)
    except ValueError:
        return [][0]


# A group never raised: no traceback header, only the boxes.
show(ExceptionGroup("plain", [ValueError(1), TypeError("two")]))

# Nested groups, members with tracebacks, one member chained by cause and one by context.
inner = caught(throw, ExceptionGroup("inner", [caught(divide, 1, 0), OSError(2, "missing")]))
show(caught(throw, ExceptionGroup("outer", [inner, caught(lookup, {}, "key"), caught(convert, "x")])))

# Notes on the group and on members (multi-line notes keep the margin on every line).
m1 = ValueError("with notes")
m1.add_note("first note")
m1.add_note("second note\nspans two lines")
m2 = KeyError("k")
m2.add_note("")
g = ExceptionGroup("noted", [m1, m2])
g.add_note("a note on the group")
show(g)

# More than 15 members: the rest is counted.
show(ExceptionGroup("wide", [ValueError(i) for i in range(18)]))
show(ExceptionGroup("sixteen", [IndexError(i) for i in range(16)]))


# Deeper than 10 levels: the innermost groups are left out.
def nest(n):
    if n == 0:
        return ValueError("bottom")
    return ExceptionGroup("level %d" % n, [nest(n - 1), KeyError(n)])


show(nest(12))

# The group itself chained: a plain exception raised while handling a group.
try:
    try:
        raise ExceptionGroup("handled", [ZeroDivisionError("zero")])
    except ExceptionGroup:
        raise RuntimeError("during handling")
except RuntimeError as r:
    show(r)

# An exception shown once in a chain is not repeated as the context of a later member.
shared = ValueError("shared")
later = TypeError("later")
later.__context__ = shared
show(BaseExceptionGroup("seen", [shared, later, KeyboardInterrupt()]))


def fail_all():
    errors = []
    for s in ["1", "x", "2", "y"]:
        e = caught(convert, s)
        if e is not None:
            errors.append(e)
    errors.append(caught(lookup, {"a": 1}, "b"))
    group = ExceptionGroup("batch failed", errors)
    group.add_note("while converting the batch")
    raise group


print("raising")
fail_all()
