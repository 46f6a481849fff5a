# int.to_bytes/from_bytes round trips, bytes of ints, and checksum loops
vals = [0, 1, 255, 256, 65535, 2 ** 32 - 1, 2 ** 63]
for v in vals:
    b = v.to_bytes(9, "big")
    print(v, b.hex(), int.from_bytes(b, "big") == v, int.from_bytes(v.to_bytes(9, "little"), "little") == v)
for v in [-1, -128, -129, -(2 ** 31)]:
    print(v, v.to_bytes(5, "big", signed=True).hex(), int.from_bytes(v.to_bytes(5, "little", signed=True), "little", signed=True))
c = 0
for byte in bytes(range(256)) * 10:
    c = (c * 31 + byte) % 1000003
print(c)
