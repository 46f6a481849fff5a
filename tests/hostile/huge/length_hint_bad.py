# huge: __length_hint__ returning negative, huge, non-int and raising

class H:
    def __init__(self, v):
        self.v = v
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n
    def __length_hint__(self):
        if isinstance(self.v, type) and issubclass(self.v, BaseException):
            raise self.v
        return self.v
for v in (-1, -2**70, 2**70, 2**62, 1.5, "3", None, NotImplemented, True, ValueError, TypeError):
    for ctor in (list, tuple, bytearray, lambda x: list(map(int, x)), lambda x: [].extend(x), lambda x: list(zip(x, x))):
        try:
            ctor(H(v))
        except (ValueError, TypeError, OverflowError, MemoryError):
            pass
