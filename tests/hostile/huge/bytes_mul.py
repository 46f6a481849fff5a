# huge: bytes/bytearray repetition to sizes beyond memory
for f in (
    lambda: b"ab" * 10**10,
    lambda: bytearray(b"ab") * 10**10,
    lambda: b"a" * (2**63 - 1),
    lambda: bytearray(b"x").__imul__(2**62),
):
    try:
        f()
    except (MemoryError, OverflowError, ValueError):
        pass
