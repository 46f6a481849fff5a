# int and bool methods: argument-count and keyword errors worded as CPython's slot wrappers and methods
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

# Slot wrappers: "expected N argument(s)", "wrapper X() takes no keyword arguments".
t("__neg__(1)", lambda: (1).__neg__(1))
t("__neg__(x=1)", lambda: (1).__neg__(x=1))
t("__add__()", lambda: (1).__add__())
t("__add__(1, 2)", lambda: (1).__add__(1, 2))
t("__add__(x=1)", lambda: (1).__add__(x=1))
t("__lt__(1, x=1)", lambda: (1).__lt__(1, x=1))
t("__index__(1)", lambda: (1).__index__(1))
t("__pow__()", lambda: (1).__pow__())
t("__pow__(1, 2, 3)", lambda: (1).__pow__(1, 2, 3))
t("__pow__(1, x=3)", lambda: (1).__pow__(1, x=3))
t("__pow__(3, None)", lambda: (2).__pow__(3, None))
t("__rpow__(3, 5)", lambda: (2).__rpow__(3, 5))
t("bool __repr__(1)", lambda: True.__repr__(1))

# Plain methods: "int.NAME() takes no arguments (N given)", "takes no keyword arguments".
for name in ["bit_length", "bit_count", "conjugate", "as_integer_ratio", "__trunc__", "__floor__",
             "__ceil__", "__getnewargs__", "__sizeof__"]:
    t(name + "(1)", lambda: getattr(7, name)(1))
    t(name + "(x=1)", lambda: getattr(7, name)(x=1))
t("True.bit_length(1)", lambda: True.bit_length(1))
t("__format__()", lambda: (1).__format__())
t("__format__(x=1)", lambda: (1).__format__("", x=1))
t("__round__(1, 2)", lambda: (5).__round__(1, 2))
t("__round__(ndigits=1)", lambda: (5).__round__(ndigits=1))
t("__round__(-1)", lambda: (15).__round__(-1))

# int() constructor: too many arguments, and __new__'s class checks.
t("int('1', 10, 3)", lambda: int("1", 10, 3))
t("int('1', base=10, x=3)", lambda: int("1", base=10, x=3))
t("int.__new__()", lambda: int.__new__())
t("int.__new__(5)", lambda: int.__new__(5))
t("int.__new__(str)", lambda: int.__new__(str))
t("int.__new__(bool, 1)", lambda: int.__new__(bool, 1))
class Sub(int):
    pass
t("int.__new__(Sub, '12', 8)", lambda: int.__new__(Sub, "12", 8))

# format() names the object's own type in "Unknown format code".
t("format(True, 's')", lambda: format(True, "s"))
t("format(Sub(3), 'q')", lambda: format(Sub(3), "q"))
t("format(3, 'q')", lambda: format(3, "q"))
