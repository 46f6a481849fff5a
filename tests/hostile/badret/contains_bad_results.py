# badret: __contains__/__missing__/__length_hint__/__reversed__ returning wrong types
class C:
    def __contains__(self, x):
        return Bad()
    def __reversed__(self):
        return 5
    def __length_hint__(self):
        return "x"
    def __iter__(self):
        return iter([1])
class Bad:
    def __bool__(self):
        raise IndexError
class D(dict):
    def __missing__(self, k):
        return self
for f in (lambda: 1 in C(), lambda: 1 not in C(), lambda: reversed(C()), lambda: list(C()), lambda: D()[1][2][3],
          lambda: D().get(1), lambda: list(reversed(C()))):
    try:
        f()
    except (IndexError, TypeError):
        pass
