# mutate: tuple hash/compare where element dunders rebind and mutate lists inside the tuple
class E:
    def __eq__(self, other):
        inner.clear()
        return True
    def __hash__(self):
        inner.clear()
        return 1
    def __lt__(self, other):
        inner.clear()
        return False
inner = [E() for _ in range(10)]
a = (E(), inner, E())
b = (E(), [E() for _ in range(10)], E())
print(a == b)
try:
    a < b
except TypeError:
    pass
try:
    hash(a)
except TypeError:
    pass
hash((E(), E()))
