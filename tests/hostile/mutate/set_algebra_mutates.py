# mutate: set algebra methods where element __eq__ clears both operands
class K:
    def __init__(self, h):
        self.h = h
    def __hash__(self):
        return self.h
    def __eq__(self, other):
        A.clear()
        B.clear()
        return False
ops = ["union", "intersection", "difference", "symmetric_difference", "issubset", "issuperset",
       "isdisjoint", "update", "intersection_update", "difference_update", "symmetric_difference_update",
       "__eq__", "__lt__", "__le__", "__or__", "__and__", "__sub__", "__xor__"]
A = set()
B = set()
for op in ops:
    A = {K(i % 3) for i in range(30)}
    B = {K(i % 3) for i in range(30)}
    try:
        getattr(A, op)(B)
    except (RuntimeError, KeyError):
        pass
    A = {K(i % 3) for i in range(30)}
    B = [K(i % 3) for i in range(30)]
    try:
        getattr(A, op)(B)
    except (RuntimeError, KeyError, TypeError):
        pass
