# float: __new__ class checks, fromhex/float() argument handling, whitespace, method argument errors
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

t("float.__new__()", lambda: float.__new__())
t("float.__new__(5)", lambda: float.__new__(5))
t("float.__new__(int, 2)", lambda: float.__new__(int, 2))
t("float.__new__(str)", lambda: float.__new__(str))
class F(float):
    pass
t("float.__new__(F, 2)", lambda: float.__new__(F, 2))
t("type", lambda: type(float.__new__(F, "2.5")).__name__)

t("fromhex(1)", lambda: float.fromhex(1))
t("fromhex()", lambda: float.fromhex())
t("fromhex(a, b)", lambda: float.fromhex("0x1", "x"))
t("fromhex(x=)", lambda: float.fromhex(x="0x1"))
t("fromhex nbsp", lambda: float.fromhex("0x1\xa0"))
t("fromhex \\x1c", lambda: float.fromhex("\x1c0x1"))
t("fromhex spaces", lambda: float.fromhex(" \t0x1p4\n"))

t("float(memoryview)", lambda: float(memoryview(b" 1.5 ")))
t("float(bytearray)", lambda: float(bytearray(b"-2e3")))
for s in ["5\x0b", "5\x1c", "\x1f5", "5\x85", "\u20031.5\u3000", "5\x1c\x85"]:
    t("float(%r)" % s, lambda: float(s))
t("float(bytes nbsp)", lambda: float(b"\xc2\xa01"))

# Slot wrappers and plain methods word their argument errors differently.
t("__neg__(1)", lambda: (1.0).__neg__(1))
t("__neg__(x=1)", lambda: (1.0).__neg__(x=1))
t("__add__()", lambda: (1.0).__add__())
t("__pow__()", lambda: (1.0).__pow__())
t("__pow__(2, 3)", lambda: (1.0).__pow__(2, 3))
t("__pow__(2, None)", lambda: (3.0).__pow__(2, None))
for name in ["hex", "is_integer", "conjugate", "as_integer_ratio", "__trunc__", "__floor__", "__ceil__",
             "__getnewargs__"]:
    t(name + "(1)", lambda: getattr(2.5, name)(1))
    t(name + "(x=1)", lambda: getattr(2.5, name)(x=1))
t("__format__()", lambda: (1.0).__format__())
t("__format__(x=1)", lambda: (1.0).__format__(x=1))
t("__getformat__()", lambda: float.__getformat__())
t("__round__(1, 2)", lambda: (5.0).__round__(1, 2))
t("__round__(ndigits=1)", lambda: (5.0).__round__(ndigits=1))
t("__round__(None)", lambda: (2.5).__round__(None))
t("__round__(1)", lambda: (2.25).__round__(1))

# '#' keeps the decimal point in repr-style exponent output; subclasses name themselves.
for x in [1e16, 1e-05, 5e-324, 1e22, 1.0, 1.5, 123.0]:
    print(repr(x), format(x, "#"), format(x, "#12"), format(x, "#.0"), format(x, "#.3"), format(x, "#g"))
t("format(F(1.5), 'd')", lambda: format(F(1.5), "d"))
t("format(1.5, 'd')", lambda: format(1.5, "d"))
