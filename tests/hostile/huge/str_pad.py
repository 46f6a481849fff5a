# huge: str/bytes padding methods with widths beyond memory
for f in (
    lambda: "x".ljust(10**10),
    lambda: "x".center(2**40),
    lambda: "x".zfill(10**11),
    lambda: b"x".rjust(10**10),
    lambda: bytearray(b"x").center(2**62),
    lambda: "x".rjust(2**63 - 1),
    lambda: b"x".zfill(2**63 - 1),
):
    try:
        f()
    except (MemoryError, OverflowError, ValueError):
        pass
