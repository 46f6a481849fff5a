# huge: str repetition to sizes beyond memory
for f in (
    lambda: "ab" * 10**10,
    lambda: "a" * (2**63 - 1),
    lambda: "\u20ac" * 2**40,
):
    try:
        f()
    except (MemoryError, OverflowError, ValueError):
        pass
