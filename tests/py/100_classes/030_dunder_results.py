# Results of special methods are checked as CPython does, whichever path runs them (instructions, builtins)
class S(str):
    pass

def attempt(label, f):
    try:
        r = f()
        print(label, "->", repr(r), type(r).__name__)
    except Exception as e:
        print(label, "!!", type(e).__name__, e)

class BadBool:
    def __bool__(self): return 1
class LenBool:
    def __len__(self): return 0
class NegLen:
    def __len__(self): return -1
class StrLen:
    def __len__(self): return "3"
class BigLen:
    def __len__(self): return 2 ** 70
class BoolLen:
    def __len__(self): return True
class BadIter:
    def __iter__(self): return 5
class GenIter:
    def __iter__(self):
        yield 1
        yield 2
class BadStr:
    def __str__(self): return 5
    def __repr__(self): return b"x"
    def __format__(self, spec): return None
class SubStr:
    def __str__(self): return S("sub-str")
    def __repr__(self): return S("sub-repr")
class ReprOnly:
    def __repr__(self): return "ReprOnly()"
class BadHash:
    def __hash__(self): return "h"
class BigHash:
    def __hash__(self): return 2 ** 100
class BoolHash:
    def __hash__(self): return True
class Contains:
    def __contains__(self, x): return x  # any object, tested for truth
class Raises:
    def __bool__(self): raise ValueError("no truth")
    def __neg__(self): raise KeyError("neg")
    def __len__(self): raise IndexError("len")

for label, f in [
    ("bool()", lambda: bool(BadBool())),
    ("not", lambda: not BadBool()),
    ("if", lambda: 1 if BadBool() else 0),
    ("and", lambda: BadBool() and 1),
    ("or", lambda: LenBool() or "fallback"),
    ("len-truth", lambda: [bool(LenBool()), not LenBool()]),
    ("neg-len", lambda: len(NegLen())),
    ("neg-len-if", lambda: 1 if NegLen() else 0),
    ("str-len", lambda: len(StrLen())),
    ("big-len", lambda: len(BigLen())),
    ("bool-len", lambda: len(BoolLen())),
    ("bad-iter", lambda: iter(BadIter())),
    ("bad-iter-for", lambda: [x for x in BadIter()]),
    ("gen-iter", lambda: list(GenIter())),
    ("gen-iter-for", lambda: [x * 2 for x in GenIter()]),
    ("bad-str", lambda: str(BadStr())),
    ("bad-fstr", lambda: f"{BadStr()!s}"),
    ("bad-repr", lambda: repr(BadStr())),
    ("bad-frepr", lambda: f"{BadStr()!r}"),
    ("bad-format", lambda: format(BadStr())),
    ("bad-fformat", lambda: f"{BadStr()}"),
    ("bad-fformat-spec", lambda: f"{BadStr():>4}"),
    ("sub-str", lambda: str(SubStr())),
    ("sub-fstr", lambda: f"{SubStr()!s}"),
    ("sub-f", lambda: f"{SubStr()}"),
    ("sub-repr", lambda: repr(SubStr())),
    ("sub-frepr", lambda: f"{SubStr()!r}"),
    ("repr-only", lambda: [str(ReprOnly()), f"{ReprOnly()}", format(ReprOnly(), ""), f"{ReprOnly()!s:>12}"]),
    ("format-spec-object", lambda: format(ReprOnly(), "x")),
    ("bad-hash", lambda: hash(BadHash())),
    ("bad-hash-dict", lambda: {BadHash(): 1}),
    ("big-hash", lambda: hash(BigHash()) == hash(2 ** 100)),
    ("bool-hash", lambda: hash(BoolHash())),
    ("contains", lambda: [0 in Contains(), 5 in Contains(), "" not in Contains(), [1] in Contains()]),
    ("raises-bool", lambda: not Raises()),
    ("raises-neg", lambda: -Raises()),
    ("raises-len", lambda: len(Raises())),
    ("next-none", lambda: next(BadBool())),
    ("abs-none", lambda: abs(BadBool())),
    ("format-arg", lambda: format(ReprOnly(), 5)),
    ("len-kw", lambda: len(obj=LenBool())),
    ("str-kw", lambda: str(object=ReprOnly())),
]:
    attempt(label, f)

# while loops and chained boolean operators over instances
class Countdown:
    def __init__(self, n): self.n = n
    def __bool__(self):
        self.n -= 1
        return self.n >= 0
c = Countdown(3)
steps = 0
while c:
    steps += 1
print("while", steps, c.n)
print("chain", Countdown(1) and Countdown(0) or "else", bool(Countdown(2) and Countdown(2)))
