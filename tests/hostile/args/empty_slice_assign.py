# args: slice assignment and deletion on empty lists/bytearrays (no storage yet) with empty and odd sources (found by fuzz_exec)
for make in (list, bytearray):
    for src in ([], (), b"", "", iter([]), [1], b"\x01", range(0), range(3)):
        for sl in (slice(0, 0), slice(None), slice(5, 2), slice(-1, None), slice(None, None, -1), slice(0, 0, 2)):
            x = make()
            try:
                x[sl] = src
            except (TypeError, ValueError):
                pass
            try:
                del x[sl]
            except (TypeError, ValueError):
                pass
L = []
L[0:0] = L
L[:] = L
L += L
L *= 0
L.extend(L)
print(L)
