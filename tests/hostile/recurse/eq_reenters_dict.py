# recurse: __eq__ during a dict lookup that performs another lookup on the same dict
class K:
    def __init__(self, n):
        self.n = n
    def __hash__(self):
        return 1
    def __eq__(self, o):
        if self.n < 300:
            D.get(K(self.n + 1))
            D[K(self.n + 1000)] = self.n
        return False
D = {K(10000): 1}
try:
    D[K(0)]
except (KeyError, RecursionError):
    pass
print(len(D) > 0)
