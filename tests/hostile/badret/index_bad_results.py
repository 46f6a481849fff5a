# badret: __index__ returning negative, huge, float, str, int subclasses, bool and raising
class I:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        if isinstance(self.v, type):
            raise self.v
        return self.v
class MyInt(int):
    def __index__(self):
        return 99
for v in (-1, -2**63, 2**63, 10**30, 1.5, "3", None, True, MyInt(2), KeyError, StopIteration):
    i = I(v)
    for f in (lambda: [1, 2, 3][i], lambda: "abc"[i], lambda: b"abc"[i], lambda: (1, 2)[i], lambda: range(10)[i],
              lambda: [1, 2, 3][i:], lambda: "abc"[:i], lambda: [0] * i, lambda: "s" * i, lambda: bytes(i),
              lambda: bytearray(i), lambda: range(i), lambda: hex(i), lambda: bin(i), lambda: chr(i), lambda: i.__index__(),
              lambda: [1, 2].pop(i), lambda: [1, 2].insert(i, 0), lambda: round(1.5, i), lambda: int.to_bytes(1, i, "big"),
              lambda: "{}".format("x")[i], lambda: memoryview(b"ab")[i], lambda: slice(i, i, i).indices(i)):
        try:
            f()
        except (ValueError, TypeError, IndexError, OverflowError, KeyError, StopIteration, MemoryError):
            pass
