# misc: reversed() of objects with odd __reversed__/__len__/__getitem__ and of mutating sequences
class R1:
    __reversed__ = None
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return i
class R2:
    def __len__(self):
        return 2**63 - 1
    def __getitem__(self, i):
        if i < 2**63 - 5:
            raise IndexError
        return i
class R3:
    def __len__(self):
        return -5
    def __getitem__(self, i):
        return i
class R4:
    def __reversed__(self):
        return 42
L = [1, 2, 3]
class R5:
    def __len__(self):
        L.clear()
        return 10
    def __getitem__(self, i):
        return L[i]
for obj in (R1(), R2(), R3(), R4(), R5(), {1: 2}, {1}, "abc", b"abc", range(5), memoryview(b"ab"), iter([1])):
    try:
        list(reversed(obj))
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
r = reversed(L)
L[:] = range(100)
print(list(r)[:1])
