# exception from __exit__ replacing the body exception, shown with context
class Guard:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        raise RuntimeError("exit failed")

with Guard():
    [].pop()
