# huge: list *= n beyond memory
L = [0, 1]
for f in (
    lambda: L.__imul__(10**10),
    lambda: L.__imul__(2**62),
):
    try:
        f()
    except (MemoryError, OverflowError, ValueError):
        pass
