# mutate: memoryview of a released buffer, nested views and casts after release
B = bytearray(range(16))
m = memoryview(B)
m2 = m[2:10]
m.release()
for f in (lambda: m.tolist(), lambda: m2.tolist(), lambda: bytes(m), lambda: m[0], lambda: len(m),
          lambda: m.hex(), lambda: m == m2, lambda: hash(m), lambda: m.tobytes(), lambda: list(m2)):
    try:
        f()
    except (ValueError, TypeError):
        pass
m2.release()
B.extend(b"after")
print(len(B))
