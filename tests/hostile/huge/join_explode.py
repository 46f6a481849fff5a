# huge: str/bytes join whose result exceeds memory (fail fast)
for f in (
    lambda: ("x" * 1000).join(["y" * 1000000] * 10000),
    lambda: "".join(["x" * 2**20] * 2**13),
    lambda: b"".join([b"x" * 2**20] * 2**13),
    lambda: ("-" * 2**20).join("a" * 2**13),
):
    try:
        f()
    except (MemoryError, OverflowError, ValueError):
        pass
