# raising classes vs instances, raising non-exceptions, exception in handler
try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args)
try:
    raise 42
except TypeError as e:
    print(type(e).__name__, e)
try:
    raise object
except TypeError as e:
    print(type(e).__name__, e)
class NotExc:
    pass
try:
    raise NotExc()
except TypeError as e:
    print(type(e).__name__, e)
try:
    try:
        raise ValueError("a")
    except ValueError:
        undefined_thing
except NameError as e:
    print(type(e).__name__, e, "| context:", repr(e.__context__))
try:
    pass
except TypeError:
    print("not reached")
else:
    print("else without exception")
