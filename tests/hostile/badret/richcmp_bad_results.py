# badret: comparisons returning NotImplemented, non-bools with raising __bool__, and self
class Bad:
    def __bool__(self):
        raise ValueError("bool")
class C:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v
    __ne__ = __lt__ = __le__ = __gt__ = __ge__ = __eq__
    __hash__ = object.__hash__
for v in (NotImplemented, Bad(), None, 2**100, "s", C(1)):
    c = C(v)
    for f in (lambda: c == 1, lambda: c != c, lambda: c < 1, lambda: [c] == [c], lambda: (c,) < (c,), lambda: c in [1, 2],
              lambda: [1, c].index(c), lambda: [c, c].count(1), lambda: sorted([c, C(v)]), lambda: max(c, C(v)),
              lambda: {c: 1} == {c: 2}, lambda: [c].remove(C(v)), lambda: {1: c} == {1: c}, lambda: min([c, 1, c])):
        try:
            f()
        except (TypeError, ValueError):
            pass
