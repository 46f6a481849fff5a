# mutate: list.index with start/stop while __eq__ pops items (stop stays past the end)
class Evil:
    def __eq__(self, other):
        if L:
            L.pop()
        return False
L = [Evil() for _ in range(64)]
try:
    L.index(0, 3, 60)
except ValueError:
    pass
L = [Evil() for _ in range(64)]
try:
    L.index(0, -60, -1)
except ValueError:
    pass
