# huge: %-format and format() with widths and precisions beyond memory or int range
for f in (
    lambda: "%*d" % (10**10, 1),
    lambda: "{:>10000000000}".format(1),
    lambda: format(1, "10000000000"),
    lambda: format(1.5, ".2147483648f"),
    lambda: "{:.99999999999}".format(1.5),
    lambda: "%.*f" % (2**31, 1.0),
    lambda: format(10**100, ".2147483647"),
    lambda: format("s", "^9999999999"),
    lambda: format(1, "0=10000000000"),
    lambda: format(1e300, ".1000f"),
):
    try:
        f()
    except (MemoryError, OverflowError, ValueError):
        pass
