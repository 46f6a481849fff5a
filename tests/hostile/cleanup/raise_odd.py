# cleanup: raising non-exceptions, exception classes whose __new__/__init__ fail, raise from odd causes
class BadNew(Exception):
    def __new__(cls, *a):
        return 5
class BadInit(Exception):
    def __init__(self, *a):
        raise KeyError
for f in (lambda: (_ for _ in ()).throw(5), lambda: exec("raise 5"), lambda: exec("raise BadNew"),
          lambda: exec("raise BadInit"), lambda: exec("raise ValueError from 5"), lambda: exec("raise ValueError from KeyError"),
          lambda: exec("raise"), lambda: exec("raise ValueError from BadNew"), lambda: exec("raise StopIteration from None")):
    try:
        f()
    except (TypeError, KeyError, ValueError, RuntimeError, StopIteration):
        pass
