# layout: an element's __eq__ changes the class of the list being searched
class L1(list): pass
class L2(list):
    __slots__ = ()
class E:
    def __eq__(self, other):
        try:
            target.__class__ = L2 if type(target) is L1 else L1
        except TypeError:
            pass
        return False
target = L1([E() for _ in range(30)])
try:
    target.index(1)
except ValueError:
    pass
target.count(1)
1 in target
target.remove if False else None
print(type(target).__name__)
