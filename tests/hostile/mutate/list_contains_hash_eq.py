# mutate: `in` / tuple.index on a tuple and list whose element __eq__ rebinds the global
class Evil:
    def __eq__(self, other):
        global T, L
        T = None
        L = None
        return False
T = tuple(Evil() for _ in range(20))
L = list(T)
t, l = T, L
try:
    0 in t
    t.index(0)
except ValueError:
    pass
try:
    l.count(0)
    l.index(0)
except ValueError:
    pass
