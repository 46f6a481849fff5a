# recurse: __bool__/__len__/__index__/__iter__ that call bool()/len()/operator.index on self
class A:
    def __bool__(self):
        return bool(self)
    def __len__(self):
        return len(self)
    def __index__(self):
        return [1, 2][self]
    def __iter__(self):
        return iter(self)
    def __contains__(self, x):
        return x in self
for f in (bool, len, lambda a: [0][a], lambda a: list(a), lambda a: 1 in a, lambda a: not a, lambda a: range(a),
          lambda a: hex(a), lambda a: "ab" * a):
    try:
        f(A())
    except (RecursionError, TypeError):
        pass
