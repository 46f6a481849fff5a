# cleanup: with-statements on objects lacking __enter__/__exit__ or with them as non-callables
class NoExit:
    def __enter__(self):
        return self
class NoEnter:
    def __exit__(self, *a):
        pass
class NotCallable:
    __enter__ = 5
    __exit__ = None
for obj in (NoExit(), NoEnter(), NotCallable(), 1, None, []):
    try:
        with obj:
            pass
    except (AttributeError, TypeError):
        pass
class Exit2:
    def __enter__(self):
        return self
    def __exit__(self):
        return True
try:
    with Exit2():
        raise ValueError
except (TypeError, ValueError):
    pass
