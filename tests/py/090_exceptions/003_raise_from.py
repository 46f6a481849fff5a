# raise ... from ..., __cause__, __context__, __suppress_context__, raise from None
def f():
    try:
        {}["missing"]
    except KeyError as e:
        raise ValueError("converted") from e
try:
    f()
except ValueError as e:
    print(repr(e), repr(e.__cause__), repr(e.__context__), e.__suppress_context__)
def g():
    try:
        1 / 0
    except ZeroDivisionError:
        raise RuntimeError("implicit")
try:
    g()
except RuntimeError as e:
    print(repr(e), e.__cause__, repr(e.__context__), e.__suppress_context__)
def h():
    try:
        1 / 0
    except ZeroDivisionError:
        raise RuntimeError("hidden") from None
try:
    h()
except RuntimeError as e:
    print(repr(e), e.__cause__, repr(e.__context__), e.__suppress_context__)
try:
    raise ValueError from TypeError
except ValueError as e:
    print(repr(e), repr(e.__cause__))
try:
    raise ValueError from 5
except TypeError as e:
    print(type(e).__name__, e)
