# mutate: set add/remove/discard/contains while element __eq__ clears the set
class K:
    def __hash__(self):
        return 5
    def __eq__(self, other):
        # A bounded number of times: a lookup restarted after every mutation would
        # otherwise never end (a hang is not what this program tests).
        if budget and budget.pop():
            S.clear()
            for i in range(40):
                S.add(i)
        return False
budget = [1] * 200
S = set()
for op in range(5):
    S = {K() for _ in range(10)}
    try:
        if op == 0:
            S.add(K())
        elif op == 1:
            S.remove(K())
        elif op == 2:
            S.discard(K())
        elif op == 3:
            K() in S
        else:
            frozenset(S) | {K()}
    except KeyError:
        pass
