# mutate: list[i] = v / del list[i] / list.pop(i) / list.insert(i) where __index__ clears the list
class I:
    def __index__(self):
        L.clear()
        return 5
for op in range(5):
    L = list(range(10))
    try:
        if op == 0:
            L[I()] = 1
        elif op == 1:
            del L[I()]
        elif op == 2:
            L.pop(I())
        elif op == 3:
            L.insert(I(), 1)
        else:
            L[I()]
    except IndexError:
        pass
