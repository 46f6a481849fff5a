# deep: a 1000-deep single-inheritance class chain: isinstance, attribute lookup, super()
# hostile: timeout=40

C = object
for i in range(1000):
    C = type("C%d" % i, (C,), {})
c = C()
print(isinstance(c, object), issubclass(C, object), hasattr(c, "nope"))
try:
    c.nope
except AttributeError:
    pass
class D(C):
    def m(self):
        return super().__repr__()
D().m()
