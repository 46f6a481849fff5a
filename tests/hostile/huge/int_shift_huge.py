# huge: int shifts and powers whose results exceed memory (fail fast)
for f in (
    lambda: 1 << 10**12,
    lambda: 1 << 2**62,
    lambda: (-1) << 10**20,
    lambda: 1 >> 10**20,
    lambda: (1 << 100000) >> -1,
    lambda: 2 ** -2**62,
    lambda: float(10**400),
    lambda: 10**400 / 3,
    lambda: divmod(10**10000, 0),
):
    try:
        f()
    except (MemoryError, OverflowError, ValueError, ZeroDivisionError):
        pass
