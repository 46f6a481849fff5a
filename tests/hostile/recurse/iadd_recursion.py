# recurse: operator dunders that re-apply the same operator to self (+, +=, [], ==, <)
class A:
    def __add__(self, o):
        return self + o
    def __radd__(self, o):
        return o + self
    def __iadd__(self, o):
        self += o
        return self
    def __getitem__(self, i):
        return self[i]
    def __neg__(self):
        return -self
for f in (lambda: A() + 1, lambda: 1 + A(), lambda: A().__iadd__(1), lambda: A()[0], lambda: -A(), lambda: sum([A()]),
          lambda: [1] + A()):
    try:
        f()
    except (RecursionError, TypeError):
        pass
