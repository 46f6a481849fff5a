# mutate: set operations on dict views where element __hash__/__eq__ clear the dict
class K:
    def __hash__(self):
        D.clear()
        return 0
    def __eq__(self, other):
        D.clear()
        return True
D = {}
D = {K(): 1, 1: 2, 2: 3}
for op in ("&", "|", "-", "^"):
    D = {K(): 1, 1: 2, 2: 3}
    eval("D.keys() %s {K(), 1}" % op)
    D = {K(): 1, 1: 2, 2: 3}
    eval("D.items() %s {(K(), 1)}" % op)
D = {K(): 1, 1: 2}
(1, 2) in D.items()
D.keys().isdisjoint([K(), K()])
