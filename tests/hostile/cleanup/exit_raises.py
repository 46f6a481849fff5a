# cleanup: __exit__ raising, returning odd truthy objects, and __enter__ raising
class Bool:
    def __bool__(self):
        raise KeyError("bool")
class CM:
    def __init__(self, mode):
        self.mode = mode
    def __enter__(self):
        if self.mode == 0:
            raise ValueError("enter")
        return self
    def __exit__(self, *a):
        if self.mode == 1:
            raise IndexError("exit")
        if self.mode == 2:
            return Bool()
        if self.mode == 3:
            return [1]
        return None
for m in range(5):
    for body_raises in (False, True):
        try:
            with CM(m):
                if body_raises:
                    raise TypeError("body")
        except (ValueError, IndexError, KeyError, TypeError):
            pass
