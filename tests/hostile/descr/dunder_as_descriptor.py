# descr: special methods set to non-functions (ints, None, descriptors returning junk) on a class
class Junk:
    def __get__(self, obj, cls):
        return 5
names = ["__len__", "__iter__", "__next__", "__getitem__", "__setitem__", "__eq__", "__hash__", "__bool__", "__repr__",
         "__str__", "__call__", "__add__", "__index__", "__contains__", "__enter__", "__exit__", "__lt__", "__format__",
         "__int__", "__float__", "__neg__", "__getattr__", "__setattr__", "__delitem__", "__reversed__", "__missing__"]
for value in (None, 5, Junk(), staticmethod(5), classmethod(5)):
    A = type("A", (), {n: value for n in names})
    a = A()
    for f in (len, iter, next, lambda x: x[0], lambda x: x.__setitem__(0, 1), lambda x: x == 1, hash, bool, repr, str,
              lambda x: x(), lambda x: x + 1, lambda x: [0][x], lambda x: 1 in x, lambda x: x < x, format, int, float,
              lambda x: -x, lambda x: x.zz, lambda x: setattr(x, "q", 1), reversed, lambda x: sorted([x, x])):
        try:
            f(a)
        except Exception:
            pass
