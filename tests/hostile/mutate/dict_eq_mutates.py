# mutate: dict lookup/insert/delete while key __eq__ clears or refills the dict
class K:
    def __init__(self, h):
        self.h = h
    def __hash__(self):
        return self.h
    def __eq__(self, other):
        # A bounded number of times: a lookup restarted after every mutation would
        # otherwise never end (a hang is not what this program tests).
        if budget and budget.pop():
            D.clear()
            for i in range(20):
                D[i * 1000003] = i
        return False
budget = [1] * 200
D = {}
for i in range(20):
    D[K(7)] = i
for op in range(6):
    try:
        if op == 0:
            D[K(7)]
        elif op == 1:
            D[K(7)] = 1
        elif op == 2:
            del D[K(7)]
        elif op == 3:
            D.get(K(7))
        elif op == 4:
            D.pop(K(7), None)
        else:
            D.setdefault(K(7), 2)
    except KeyError:
        pass
    D = {K(7): 1, K(7): 2, K(7): 3}
