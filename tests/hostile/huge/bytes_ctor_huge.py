# huge: bytes/bytearray constructed with huge or negative sizes
for f in (
    lambda: bytes(10**10),
    lambda: bytearray(2**62),
    lambda: bytes(2**63 - 1),
    lambda: bytearray(2**64),
    lambda: bytes(-1),
    lambda: bytearray(10**100),
    lambda: bytearray().extend(bytes(10**10)),
):
    try:
        f()
    except (MemoryError, OverflowError, ValueError):
        pass
