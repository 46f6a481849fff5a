# rich comparisons, reflected comparisons, default __ne__, NotImplemented, total ordering by hand
class C:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        print("eq", self.v, getattr(o, "v", o))
        return isinstance(o, C) and self.v == o.v
    def __lt__(self, o):
        print("lt", self.v, getattr(o, "v", o))
        return self.v < o.v if isinstance(o, C) else NotImplemented
    __hash__ = None
print(C(1) == C(1), C(1) != C(2), C(1) < C(2), C(2) > C(1))
print(C(1) == 5)
try:
    C(1) < 5
except TypeError as e:
    print(type(e).__name__, e)
class Only:
    pass
o = Only()
print(o == o, o != o, o == Only(), o != Only())
try:
    o < o
except TypeError as e:
    print(type(e).__name__, e)
class R:
    def __gt__(self, o):
        return "R.__gt__"
print(1 < R(), R() > 1)
class Sub(C):
    def __eq__(self, o):
        print("Sub.eq")
        return True
print(C(1) == Sub(2))
print(sorted([C(3), C(1), C(2)], key=lambda c: c.v)[0].v)
