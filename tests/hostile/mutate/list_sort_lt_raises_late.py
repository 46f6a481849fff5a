# mutate: list.sort where __lt__ raises after many comparisons and returns odd objects
class Evil:
    n = 0
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        Evil.n += 1
        if Evil.n == 200:
            raise ZeroDivisionError
        if Evil.n % 3 == 0:
            return NotImplemented
        return [] if Evil.n % 5 else [1]
L = [Evil(i) for i in range(100)]
for _ in range(3):
    try:
        L.sort()
    except (ZeroDivisionError, TypeError):
        pass
