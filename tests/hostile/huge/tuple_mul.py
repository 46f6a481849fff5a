# huge: tuple repetition to sizes beyond memory
for f in (
    lambda: (0,) * 10**10,
    lambda: (0, 1) * 2**62,
    lambda: (1,) * (2**63 - 1),
):
    try:
        f()
    except (MemoryError, OverflowError, ValueError):
        pass
