# memoryview basics: indexing, slicing without copying, tobytes/tolist, len, release
b = bytearray(b"hello world")
m = memoryview(b)
print(len(m), m[0], m[-1], bytes(m[0:5]), m[6:].tobytes(), m.tolist()[:3], m.readonly, m.nbytes, m.itemsize, m.format)
m[0] = ord("H")
m[6:11] = b"WORLD"
print(b)
sub = m[2:4]
sub[0] = ord("L")
print(b, bytes(sub))
ro = memoryview(b"abc")
print(ro.readonly, ro == b"abc", ro.tobytes(), ro[::-1].tobytes(), ro[1:].hex())
try:
    ro[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
ro.release()
try:
    ro[0]
except ValueError as e:
    print(type(e).__name__, e)
