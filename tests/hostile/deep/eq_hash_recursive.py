# deep: __eq__/__hash__/__lt__ recursing through native == / hash / sorted

class E:
    def __eq__(self, o):
        return self == o
    def __hash__(self):
        return hash(self)
    def __lt__(self, o):
        return sorted([self, o])
for f in (lambda: E() == E(), lambda: hash(E()), lambda: {E()}, lambda: E() in [E()], lambda: [E()] == [E()],
          lambda: sorted([E(), E()]), lambda: {E(): 1}[E()], lambda: (E(),) == (E(),)):
    try:
        f()
    except (RecursionError, TypeError, KeyError):
        pass
