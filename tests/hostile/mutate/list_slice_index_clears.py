# mutate: slicing a list with bounds whose __index__ clears or grows the list
class Clear:
    def __index__(self):
        L.clear()
        return 8
class Grow:
    def __index__(self):
        L.extend(range(1000))
        return 2
for a, b, c in ((Clear(), None, None), (None, Clear(), None), (0, 9, Clear()), (Grow(), Clear(), 1), (Clear(), Grow(), -1)):
    L = list(range(10))
    try:
        L[a:b:c]
    except (IndexError, ValueError):
        pass
    L = list(range(10))
    try:
        L[a:b:c] = [7] * 3
    except (IndexError, ValueError):
        pass
    L = list(range(10))
    try:
        del L[a:b:c]
    except (IndexError, ValueError):
        pass
