# huge: memoryview slicing of a large buffer with extreme steps
m = memoryview(bytearray(1 << 20))
for f in (
    lambda: m[::2**62],
    lambda: m[2**62:],
    lambda: m[-2**63],
    lambda: bytes(m[::-1])[:1],
    lambda: m[:10].hex(),
    lambda: m[1:-1:3].tobytes()[:1],
    lambda: m.tolist()[:1],
):
    try:
        f()
    except (ValueError, IndexError, OverflowError, TypeError):
        pass
