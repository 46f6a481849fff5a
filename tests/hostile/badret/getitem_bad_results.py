# badret: sequences whose __getitem__ raises odd exceptions or returns self, used by iteration and unpacking
class Seq:
    def __init__(self, exc):
        self.exc = exc
    def __getitem__(self, i):
        if i > 3:
            raise self.exc
        return self
    def __len__(self):
        return 4
for exc in (IndexError, StopIteration, KeyError, LookupError, GeneratorExit, IndexError("x")):
    s = Seq(exc)
    for f in (list, tuple, lambda x: [*x], lambda x: exec("a, b, c, d = x", {"x": x}), lambda x: exec("a, *b = x", {"x": x}),
              lambda x: 5 in x, reversed, lambda x: list(reversed(x)), iter, lambda x: sorted(x, key=id),
              lambda x: "".join(x), lambda x: dict.fromkeys(x), lambda x: max(x, key=id)):
        try:
            f(s)
        except BaseException as e:
            if not isinstance(e, (Exception, GeneratorExit)):
                raise
