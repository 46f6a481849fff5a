# printf-style %: argument counting with mappings and '*', %c with __index__, star width/precision limits
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
class Idx:
    def __index__(self):
        return 66
class OnlyFloat:
    def __float__(self):
        return 2.5
class M:
    def __getitem__(self, k):
        return k * 2
    def __str__(self):
        return "M()"
t(lambda: "%c" % Idx())
t(lambda: "%c%c" % (Idx(), 0x1F600))
t(lambda: "%c" % 1.5)
t(lambda: "%c" % 0x110000)
t(lambda: "%d" % OnlyFloat())
t(lambda: "%i" % OnlyFloat())
t(lambda: "%f" % OnlyFloat())
t(lambda: "%x" % OnlyFloat())
t(lambda: "%(a)s %s" % {"a": 1})
t(lambda: "%(a)*d" % {"a": 1})
t(lambda: "%(a)*s" % {"a": "x"})
t(lambda: "%(a)s %(b)s" % M())
t(lambda: "%s" % M())
t(lambda: "%s %s" % M())
t(lambda: "%(a)%" % {"a": 1})
t(lambda: "%(a)s" % (1,))
t(lambda: "%s %s" % "xy")
t(lambda: "%*s|" % (-3, "a"))
t(lambda: "%.*f" % (-2, 1.25))
t(lambda: "%.*f" % (2**40, 1.0))
t(lambda: "%*s" % (2**62, "a"))
t(lambda: "%*s" % (2**70, "a"))
t(lambda: "%*s" % ("3", "a"))
t(lambda: "%3000000000000d" % 1)
t(lambda: "%.3000000000f" % 1.0)
t(lambda: "%100000000000000000000d" % 1)
t(lambda: "%s %s" % (1,))
t(lambda: "%s" % (1, 2))
t(lambda: "abc" % 5)
t(lambda: "abc" % {})
t(lambda: "abc" % [])
