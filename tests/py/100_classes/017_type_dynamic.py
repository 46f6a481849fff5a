# creating classes with type(name, bases, dict), modifying classes at runtime
def init(self, v):
    self.v = v
Dyn = type("Dyn", (), {"__init__": init, "double": lambda self: self.v * 2, "kind": "dynamic"})
d = Dyn(21)
print(type(d).__name__, d.double(), d.kind, Dyn.__bases__, [c.__name__ for c in Dyn.__mro__])
Sub = type("Sub", (Dyn,), {"triple": lambda self: self.v * 3})
s = Sub(5)
print(s.double(), s.triple(), isinstance(s, Dyn), type(Sub).__name__, type(type).__name__)
Dyn.added = lambda self: "added later"
print(s.added(), hasattr(Sub, "added"))
del Dyn.kind
print(hasattr(s, "kind"))
print(type(5) is int, type("x")("abc"), type(Sub)("T", (), {}).__name__)
try:
    type("X", (5,), {})
except TypeError as e:
    print(type(e).__name__, e)
