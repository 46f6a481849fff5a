# badret: __bool__ returning non-bools and raising, in every truth-testing native
class Bo:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        if isinstance(self.v, type):
            raise self.v
        return self.v
for v in (1, 0, None, "x", 2**100, 1.5, [], KeyError, StopIteration):
    b = Bo(v)
    for f in (bool, lambda x: not x, lambda x: 1 if x else 0, any, all, lambda x: any([x, x]), lambda x: all([x]),
              lambda x: list(filter(None, [x])), lambda x: x and 1, lambda x: x or 1, lambda x: [1 for _ in [0] if x],
              lambda x: sorted([3, 1], reverse=x), lambda x: print(end="", flush=x)):
        try:
            f(b)
        except (TypeError, KeyError, StopIteration):
            pass
