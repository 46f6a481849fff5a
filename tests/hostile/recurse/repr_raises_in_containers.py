# recurse: __repr__ raising, returning non-str, or returning huge strings inside containers
class Bad:
    def __init__(self, mode):
        self.mode = mode
    def __repr__(self):
        if self.mode == 0:
            raise ValueError("bad repr")
        if self.mode == 1:
            return 42
        if self.mode == 2:
            return "x" * 100000
        return "\udcff"
for m in range(4):
    for x in ([Bad(m)], (Bad(m),), {1: Bad(m)}, {Bad(m)}, [[Bad(m)]], frozenset([Bad(m)])):
        for f in (repr, str, ascii, print, lambda v: "%s %r" % (v, v), lambda v: f"{v}"):
            try:
                f(x)
            except (ValueError, TypeError, UnicodeEncodeError):
                pass
