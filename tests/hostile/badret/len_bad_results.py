# badret: __len__ returning negative, huge, float, str, bool subclasses and raising, used by every native
class L:
    def __init__(self, v):
        self.v = v
    def __len__(self):
        if isinstance(self.v, type):
            raise self.v
        return self.v
    def __getitem__(self, i):
        if i > 3:
            raise IndexError
        return i
class MyInt(int):
    pass
for v in (-1, -2**63, 2**63, 2**63 - 1, 10**30, 1.5, "3", None, True, MyInt(2), MyInt(-5), KeyError, StopIteration):
    x = L(v)
    for f in (len, bool, list, tuple, reversed, sorted, lambda o: not o, lambda o: "x" if o else "y",
              lambda o: list(reversed(o)), lambda o: [] + list(o), lambda o: bytearray(o), lambda o: o[-1]):
        try:
            f(x)
        except (ValueError, TypeError, OverflowError, KeyError, StopIteration, IndexError, RuntimeError):
            pass
