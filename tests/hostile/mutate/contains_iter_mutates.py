# mutate: `in` over a user iterable whose __iter__/__next__ clear the list, and __contains__ raising
class It:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        L.clear()
        self.i += 1
        if self.i > 20:
            raise StopIteration
        return self.i
L = [1]
print(50 in It())
class C:
    def __contains__(self, x):
        raise KeyError(x)
try:
    1 in C()
except KeyError:
    pass
class G:
    def __getitem__(self, i):
        L.clear()
        if i > 30:
            raise IndexError
        return i
print(100 in G(), 5 in G())
