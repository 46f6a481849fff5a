# huge: int.to_bytes/from_bytes at extreme sizes
for f in (
    lambda: (1).to_bytes(10**10, "big"),
    lambda: (1).to_bytes(-1, "big"),
    lambda: (-1).to_bytes(8, "big"),
    lambda: (2**100).to_bytes(2, "little"),
    lambda: int.from_bytes(b"\xff" * 100000, "big", signed=True),
    lambda: (1).to_bytes(2**63, "big"),
    lambda: (1 << 100000).bit_length(),
    lambda: round(1.5, 2**63),
    lambda: round(10**100, -10**5),
):
    try:
        f()
    except (MemoryError, OverflowError, ValueError):
        pass
