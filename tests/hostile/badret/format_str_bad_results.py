# badret: __format__/__str__/__repr__ returning non-strings or str subclasses, used by natives
class S(str):
    def __str__(self):
        return "sub"
class X:
    def __init__(self, v):
        self.v = v
    def __format__(self, spec):
        return self.v
    def __str__(self):
        return self.v
    def __repr__(self):
        return self.v
for v in (5, None, b"bytes", S("x"), "\udcff", "x" * 10000, ["l"]):
    x = X(v)
    for f in (str, repr, format, ascii, print, lambda a: f"{a}", lambda a: f"{a!r}", lambda a: "%s" % a, lambda a: "%r" % (a,),
              lambda a: "{}".format(a), lambda a: "{!s:>5}".format(a), lambda a: str([a]), lambda a: ",".join([a]),
              lambda a: repr({a: a}), lambda a: str(ValueError(a))):
        try:
            f(x)
        except (TypeError, UnicodeEncodeError):
            pass
