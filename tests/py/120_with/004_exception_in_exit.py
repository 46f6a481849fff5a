# exceptions raised in __exit__ and __enter__, chaining with the body exception
class RaiseInExit:
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        raise RuntimeError("from exit")
try:
    with RaiseInExit():
        raise ValueError("body")
except RuntimeError as e:
    print(repr(e), "context:", repr(e.__context__))
try:
    with RaiseInExit():
        pass
except RuntimeError as e:
    print(repr(e), "context:", repr(e.__context__))
class RaiseInEnter:
    def __enter__(self):
        raise KeyError("enter")
    def __exit__(self, *a):
        print("exit must not run")
try:
    with RaiseInEnter():
        print("body must not run")
except KeyError as e:
    print("enter failed", e)
try:
    with 42:
        pass
except TypeError as e:
    print(type(e).__name__, e)
class NoExit:
    def __enter__(self):
        return 1
try:
    with NoExit():
        pass
except TypeError as e:
    print(type(e).__name__, e)
