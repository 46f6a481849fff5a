# badret: __hash__ returning huge ints, negative one, floats, int subclasses and non-ints in dicts and sets
class H:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return self.v
    def __eq__(self, o):
        return isinstance(o, H) and o.v is self.v
class MyInt(int):
    def __hash__(self):
        return 3
for v in (-1, -2, 2**64, -2**200, 2**63 - 1, 1.5, "s", None, MyInt(5), True):
    h = H(v)
    for f in (hash, lambda x: {x: 1}, lambda x: {x}, lambda x: frozenset([x, x]), lambda x: x in {1: 2},
              lambda x: {x: 1}.pop(x), lambda x: dict.fromkeys([x, h]), lambda x: hash((x, x)), lambda x: {x} & {h}):
        try:
            f(h)
        except TypeError:
            pass
