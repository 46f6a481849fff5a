# subclassing list, dict, int, str, tuple and float
class MyList(list):
    def sum(self):
        return sum(self)
    def append(self, x):
        super().append(x * 10)
ml = MyList([1, 2])
ml.append(3)
print(ml, ml.sum(), len(ml), type(ml).__name__, type(ml + [1]).__name__, isinstance(ml, list), ml[1:])
class DefaultDict(dict):
    def __missing__(self, k):
        self[k] = []
        return self[k]
dd = DefaultDict()
dd["a"].append(1)
dd["a"].append(2)
dd["b"]
print(dd, type(dd).__name__, dd.get("c"), "c" in dd)
class Meters(int):
    def __repr__(self):
        return f"{int(self)}m"
    def __add__(self, o):
        return Meters(int(self) + int(o))
m = Meters(5)
print(m, m + 3, m * 2, type(m * 2).__name__, m == 5, hash(m) == hash(5), isinstance(m, int))
class Shout(str):
    def shout(self):
        return self.upper() + "!"
s = Shout("hi")
print(s.shout(), s + "x", type(s + "x").__name__, s == "hi", len(s), s[0], type(s[0]).__name__)
class Pair(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
    @property
    def first(self):
        return self[0]
pr = Pair(1, 2)
print(pr, pr.first, len(pr), pr + (3,), type(pr).__name__, a_b if (a_b := tuple(pr)) else None)
class Money(float):
    def __str__(self):
        return f"${self:.2f}"
mo = Money(3.14159)
print(mo, repr(mo), mo * 2, type(mo * 2).__name__, Money("2.5") + 1)
