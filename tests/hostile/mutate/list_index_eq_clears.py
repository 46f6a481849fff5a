# mutate: list.index/count/remove/__contains__ while __eq__ clears the list
class Evil:
    def __eq__(self, other):
        L.clear()
        return False
for op in ("index", "count", "remove", "contains"):
    L = [Evil() for _ in range(50)]
    try:
        if op == "contains":
            object() in L
        else:
            getattr(L, op)(object())
    except ValueError:
        pass
