# mutate: list * n / list *= n with __index__ that grows the list first
class N:
    def __index__(self):
        L.extend(range(100))
        return 3
L = [1, 2]
x = L * N()
L *= N()
print(len(x), len(L))
class Neg:
    def __index__(self):
        L.clear()
        return -5
L = [1, 2]
print(L * Neg(), Neg() * L, (1,) * Neg(), "ab" * Neg(), b"ab" * Neg())
