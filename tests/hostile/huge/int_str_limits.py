# huge: int <-> str conversions beyond the 4300-digit limit
for f in (
    lambda: str(10**100000),
    lambda: int("9" * 100000),
    lambda: "%d" % (10**20000),
    lambda: repr(-10**5000),
    lambda: int("1" * 5000, 16),
    lambda: hex(1 << 200000),
    lambda: format(2**50000, ","),
    lambda: int(b"7" * 10000),
):
    try:
        f()
    except (MemoryError, OverflowError, ValueError):
        pass
