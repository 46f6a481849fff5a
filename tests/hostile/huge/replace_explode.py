# huge: str/bytes replace whose result exceeds memory (fail fast)
s = "a" * 100000
bs = b"a" * 100000
for f in (
    lambda: s.replace("a", "b" * 100000),
    lambda: bs.replace(b"a", b"b" * 100000),
    lambda: bytearray(bs).replace(b"a", b"c" * 100000),
    lambda: s.replace("", "x" * 100000),
):
    try:
        f()
    except (MemoryError, OverflowError, ValueError):
        pass
