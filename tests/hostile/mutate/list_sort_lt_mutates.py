# mutate: list.sort while __lt__ appends to / clears the list being sorted
class Evil:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        L.append(Evil(0))
        if len(L) > 30:
            L.clear()
        return self.v < other.v
L = [Evil(i % 7) for i in range(50)]
try:
    L.sort()
except ValueError:
    pass
print(len(L))
