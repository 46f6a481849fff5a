# huge: list repetition to sizes beyond memory
for f in (
    lambda: [0] * 10**10,
    lambda: [0, 1] * 2**62,
    lambda: [None] * (2**63 - 1),
    lambda: [[]] * 2**40,
    lambda: 2**40 * [1, 2],
):
    try:
        f()
    except (MemoryError, OverflowError, ValueError):
        pass
