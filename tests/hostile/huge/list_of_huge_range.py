# huge: list/tuple of a range far beyond memory (must fail fast, like CPython)
for f in (
    lambda: list(range(10**10)),
    lambda: tuple(range(2**40)),
    lambda: [*range(2**50)],
    lambda: bytearray(range(10**10)),
):
    try:
        f()
    except (MemoryError, OverflowError, ValueError):
        pass
