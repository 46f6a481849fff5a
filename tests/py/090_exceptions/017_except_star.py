# except* (PEP 654): matching, splitting, wrapping, raising and re-raising in handlers
import sys


def show(label, e):
    print(label, type(e).__name__, repr(e))


# one type: the matching part is handled, the rest propagates with the group's shape
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), ValueError(3)])
    except* ValueError as e:
        show("caught", e)
        print("exc_info is the match:", sys.exc_info()[1] is e)
except ExceptionGroup as rest:
    show("rest", rest)

# a tuple of types; several clauses, each taking its part
try:
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2), KeyError(3), OSError(4)])
except* (ValueError, KeyError) as e:
    show("tuple", e)
except* TypeError as e:
    show("second", e)
except* OSError as e:
    show("third", e)

# nested groups keep their tree; an unmatched clause does not run
try:
    try:
        raise ExceptionGroup("outer", [ValueError(1), ExceptionGroup("inner", [TypeError(2), ValueError(3)]), KeyError(4)])
    except* ValueError as e:
        show("values", e)
    except* KeyError:
        print("keys")
    except* ZeroDivisionError:
        print("never")
except* TypeError as t:
    show("outer handler", t)

# a naked exception is wrapped in ExceptionGroup("", [exc])
try:
    raise ValueError("naked")
except* ValueError as e:
    show("naked", e)
    print(type(e.exceptions[0]).__name__, e.exceptions[0].__traceback__ is not None, e.__traceback__)

# an unmatched naked exception propagates as itself
try:
    try:
        raise KeyError("k")
    except* ValueError:
        print("not here")
except KeyError as k:
    show("naked rest", k)

# raising in a handler: a new group of the new exception and the rest
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError as e:
        raise RuntimeError("new")
except ExceptionGroup as g:
    show("combined", g)
    show("context of new", g.exceptions[0].__context__)
    print(g.__context__, g.__cause__)

# several handlers raising, one re-raising
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), OSError(3), KeyError(4)])
    except* ValueError:
        raise IndexError(1)
    except* TypeError as e:
        raise KeyError("x") from e
    except* OSError:
        raise
except ExceptionGroup as g:
    show("mixed", g)
    print(repr(g.exceptions[1].__cause__))

# bare raise re-raises the matched part in its original place
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), ExceptionGroup("sub", [TypeError(2), ValueError(3)])])
    except* ValueError:
        raise
except ExceptionGroup as g:
    show("bare raise", g)

try:
    try:
        raise ValueError(5)
    except* ValueError:
        raise
except ExceptionGroup as g:
    show("bare raise of naked", g)

# `raise e` of the match is a new raise, not a re-raise
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError as e:
        raise e
except ExceptionGroup as g:
    show("raise e", g)

# the `as` name is deleted after the handler
try:
    raise ExceptionGroup("eg", [ValueError(1)])
except* ValueError as e:
    pass
try:
    e
except NameError as ne:
    print("NameError:", ne)


# else and finally
def f(x):
    try:
        if x:
            raise ExceptionGroup("eg", [ValueError(x)])
        print("body")
    except* ValueError as e:
        print("handler", repr(e))
    else:
        print("else")
    finally:
        print("finally")
    return x


print(f(0), f(1))


# finally runs while the rest propagates
def g():
    try:
        raise ExceptionGroup("x", [OSError(1), ValueError(2)])
    except* ValueError:
        print("value part")
    finally:
        print("g finally")


try:
    g()
except ExceptionGroup as x:
    show("g", x)

# nested try-star inside a handler
try:
    raise ExceptionGroup("a", [ValueError(1), TypeError(2)])
except* ValueError as outer:
    try:
        raise ExceptionGroup("b", [KeyError(3), OSError(4)])
    except* KeyError as inner:
        show("inner", inner)
    except* OSError:
        print("inner os")
    show("outer after inner", outer)
    print("exc_info back to outer:", sys.exc_info()[1] is outer)
except* TypeError as t:
    show("t", t)

# loops inside a handler may break and continue
for i in range(2):
    try:
        raise ExceptionGroup("x", [ValueError(i)])
    except* ValueError as e:
        for j in range(3):
            if j == 1:
                continue
            if j == 2:
                break
            print("loop", i, j)

# the handled exception is restored after the statement
try:
    raise KeyError(0)
except KeyError:
    try:
        raise ExceptionGroup("x", [ValueError(1)])
    except* ValueError:
        print(repr(sys.exc_info()[1]))
    print(repr(sys.exc_info()[1]))
print(sys.exc_info())

# except* with an exception group type, or a non-exception, is a TypeError
for t in (ExceptionGroup, (ValueError, BaseExceptionGroup), 42, (ValueError, 42)):
    try:
        try:
            raise ValueError(1)
        except* t:
            pass
    except TypeError as te:
        print("TypeError:", te, repr(te.__context__))

# notes are copied to both parts
eg = ExceptionGroup("eg", [ValueError(1), TypeError(2)])
eg.add_note("note!")
try:
    try:
        raise eg
    except* ValueError as e:
        print("notes", e.__notes__, e.__notes__ is eg.__notes__)
except* TypeError as t:
    print("notes", t.__notes__)

# BaseExceptionGroup
try:
    raise BaseExceptionGroup("b", [KeyboardInterrupt(), ValueError(2)])
except* KeyboardInterrupt as k:
    show("kbd", k)
except* ValueError as v:
    show("val", v)


# a subclass's derive() builds the parts
class MyEG(ExceptionGroup):
    def derive(self, excs):
        return MyEG(self.message + "+", excs)


try:
    try:
        raise MyEG("m", [ValueError(1), TypeError(2)])
    except* ValueError as e:
        show("my", e)
except* TypeError as t:
    show("my rest", t)


# in a generator
def gen():
    try:
        yield 1
        raise ExceptionGroup("x", [ValueError(1)])
    except* ValueError as e:
        yield repr(e)


print(list(gen()))

# compile-time errors
for src in [
    "try:\n    pass\nexcept*:\n    pass\n",
    "for x in y:\n    try:\n        pass\n    except* ValueError:\n        break\n",
    "for x in y:\n    try:\n        pass\n    except* ValueError:\n        continue\n",
    "def f():\n    try:\n        pass\n    except* ValueError:\n        return 1\n",
    "def f():\n    try:\n        pass\n    except* ValueError:\n        with x:\n            return\n",
    "try:\n    pass\nexcept* ValueError:\n    pass\nexcept TypeError:\n    pass\n",
    "def f():\n    try:\n        pass\n    except* ValueError:\n        for x in y: break\n    finally:\n        return 1\n",
]:
    try:
        compile(src, "<src>", "exec")
        print("compiles")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)


# an uncaught group: raised and re-raised parts together
def inner():
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2), OSError(3)])


def outer():
    try:
        inner()
    except* ValueError:
        raise KeyError("new")
    except* TypeError:
        raise


outer()
