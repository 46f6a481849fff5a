# deep: __repr__ calling repr() of itself through native repr/str/format

class R:
    def __repr__(self):
        return repr(self)
class S:
    def __str__(self):
        return "%s" % self
class F:
    def __format__(self, spec):
        return format(self, spec)
for f in (lambda: repr(R()), lambda: str(S()), lambda: format(F(), ""), lambda: f"{F()}", lambda: repr([R()]),
          lambda: print(S())):
    try:
        f()
    except RecursionError:
        pass
