# mutate: the old __getitem__ iteration protocol with negative, huge and non-int behaviour
class G:
    def __getitem__(self, i):
        if i == 3:
            raise StopIteration
        if i > 5:
            raise IndexError
        return i
print(list(G()), tuple(G()), set(G()))
class H:
    def __getitem__(self, i):
        raise LookupError
try:
    list(H())
except LookupError:
    pass
class K:
    def __getitem__(self, i):
        if i > 10:
            raise IndexError
        return K()
list(K())
print(sorted(G()), list(reversed([1, 2])))
try:
    reversed(G())
except TypeError:
    pass
