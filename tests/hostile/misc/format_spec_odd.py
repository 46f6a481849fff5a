# misc: format specs and %-formats that are malformed, huge or contradictory for every value type
specs = ["", "<", ">10", "^-10", "=+#010,.3f", ",_", "_,", ".-1", ".1000000000000000000000", "9" * 30, "c", "x", "%",
         "z", "z.2f", "#", "0", "00000", "\x00>5", "{", "}", ".3s", "+s", "=10s", "n", "e", "G", "b", "o", "X", "#_x"]
values = [0, -1, 2**100, 1.5, float("nan"), -0.0, "s", True, None, complex(1, 2), b"b"]
for v in values:
    for s in specs:
        try:
            format(v, s)
        except (ValueError, TypeError, OverflowError):
            pass
for fmt, args in (("%", ()), ("%(", {}), ("%(a", {"a": 1}), ("%*.*d", (1, 2)), ("%c", 2**40), ("%c", "ab"), ("%d", "x"),
                  ("%.*f", (-5, 1.5)), ("%s %s", (1,)), ("%s", (1, 2)), ("%(a)s %s", {"a": 1}), ("%z", 1), ("%#x", 2**200),
                  ("%" + "9" * 30 + "d", 1), ("%r%a", ("\udcff", "\x00"))):
    try:
        fmt % args
    except (ValueError, TypeError, OverflowError, KeyError, MemoryError):
        pass
for t in ("{0!x}", "{0:{1:{2}}}", "{!r:}", "{0[}", "{0.}", "{0[0]]}", "{a.b[c]}", "{}{0}", "{:{}}", "}{", "{0:%}"):
    try:
        t.format(1, 2, 3, a=[1])
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        pass
