# Comparison methods of Python classes run as frames: forward, subclass-first reflected,
# NotImplemented fallbacks to the reflected method and to identity, errors.
class A:
    def __init__(self, x): self.x = x
    def __eq__(self, o):
        if isinstance(o, A): return self.x == o.x
        return NotImplemented
    def __lt__(self, o):
        if isinstance(o, A): return self.x < o.x
        return NotImplemented
    __hash__ = object.__hash__
class B(A):
    def __gt__(self, o): return "B.gt"
    def __eq__(self, o): return "B.eq"
print(A(1) == A(1), A(1) == A(2), A(1) != A(1), A(1) == 3, 3 == A(1), A(1) < A(2), A(2) > A(1))
print(A(1) < B(2), A(1) == B(1), B(1) == A(1))
a = A(5); print(a == a, a != a, a in [A(5)], sorted([A(3), A(1), A(2)], key=lambda v: v).__len__())
try: A(1) < 3
except TypeError as e: print(e)
try: A(1) >= A(2)
except TypeError as e: print(e)
class R:
    def __eq__(self, o): raise KeyError("eq")
try: R() == 1
except KeyError as e: print("KE", e)
print(max([A(3), A(9), A(4)]).x, [A(1), A(2)] == [A(1), A(2)])
