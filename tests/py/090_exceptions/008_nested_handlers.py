# nested try statements, re-raise with bare raise, exception variable cleared after handler
def inner():
    try:
        raise ValueError("inner")
    except ValueError:
        print("inner handler, re-raising")
        raise
def outer():
    try:
        inner()
    except ValueError as e:
        print("outer got", e)
        return "handled"
print(outer())
try:
    raise TypeError("t")
except TypeError as err:
    pass
try:
    err
except NameError as e:
    print("err deleted:", e)
try:
    raise
except RuntimeError as e:
    print(type(e).__name__, e)
def sys_exc():
    import sys
    try:
        raise KeyError("x")
    except KeyError:
        print(repr(sys.exc_info()[1]), sys.exc_info()[0].__name__)
    print(sys.exc_info())
sys_exc()
