# container protocol: __len__, __getitem__ (ints and slices), __setitem__, __delitem__, __contains__, __iter__, __reversed__
class Seq:
    def __init__(self, *items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        if isinstance(i, slice):
            return Seq(*self.items[i])
        return self.items[i]
    def __setitem__(self, i, v):
        self.items[i] = v
    def __delitem__(self, i):
        del self.items[i]
    def __contains__(self, x):
        print("contains", x)
        return x in self.items
    def __repr__(self):
        return f"Seq{tuple(self.items)}"
s = Seq(1, 2, 3, 4)
print(len(s), s[0], s[-1], s[1:3], s[::-1], 3 in s, 9 not in s)
s[0] = 10
del s[1]
print(s, list(s), bool(s), bool(Seq()))
class OldIter:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10
print(list(OldIter()), 20 in OldIter(), [x for x in OldIter()])
class Rev:
    def __len__(self): return 3
    def __getitem__(self, i): return "abc"[i]
    def __reversed__(self): return iter("custom")
print(list(reversed(Rev())), list(reversed([1, 2])))
class D:
    def __getitem__(self, k):
        return ("key", k)
d = D()
print(d[1], d["a"], d[1:2], d[1, 2], d[...], d[:, 1])
