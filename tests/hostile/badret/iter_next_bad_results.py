# badret: __iter__ returning non-iterators, __next__ raising odd exceptions or returning self
class I:
    def __init__(self, v):
        self.v = v
    def __iter__(self):
        return self.v
class N:
    def __init__(self, exc):
        self.exc = exc
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 5:
            raise self.exc
        return self
for it in (I(5), I(None), I([1]), I(I(iter([1]))), N(StopIteration), N(KeyError), N(StopIteration(5)), N(GeneratorExit),
           N(IndexError)):
    for f in (list, tuple, set, sorted, sum, min, max, enumerate, lambda x: dict(zip(x, x)), lambda x: [*x], lambda x: {*x},
              lambda x: "".join(x), lambda x: bytes(x), lambda x: bytearray(x), lambda x: dict.fromkeys(x),
              lambda x: list(map(str, x)), lambda x: (a for a in x).__next__(), lambda x: [a for a in x]):
        try:
            f(it)
        except BaseException as e:
            if not isinstance(e, (Exception, GeneratorExit)):
                raise
