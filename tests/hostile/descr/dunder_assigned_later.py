# descr: special methods added, replaced and deleted on a class after instances were used
class A:
    pass
a = A()
for i in range(3):
    A.__len__ = lambda self: 3
    A.__iter__ = lambda self: iter([1, 2])
    A.__eq__ = lambda self, o: True
    A.__hash__ = lambda self: 1
    A.__getitem__ = lambda self, k: k
    len(a), list(a), a == 1, hash(a), a[5]
    for n in ("__len__", "__iter__", "__eq__", "__hash__", "__getitem__"):
        delattr(A, n)
    for f in (len, list, lambda x: x == 1, hash, lambda x: x[5]):
        try:
            f(a)
        except TypeError:
            pass
A.__hash__ = None
try:
    hash(a)
except TypeError:
    pass
