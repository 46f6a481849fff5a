# memoryview.cast: every native format, shapes, and the attributes and errors after a cast
import sys

buf = bytearray(range(24))
m = memoryview(buf)
for fmt in ["B", "b", "c", "h", "H", "i", "I", "l", "L", "q", "Q", "n", "N", "f", "d", "?", "P", "@B", "@I"]:
    c = m.cast(fmt)
    print(fmt, c.format, c.itemsize, c.ndim, c.shape, c.strides, c.nbytes, len(c), c.readonly,
          c.contiguous, c.c_contiguous, c.f_contiguous)
    if fmt not in ("f", "d", "P"):
        print("  ", c.tolist()[:4], c[0], c[-1])
print(m.cast("I")[1], memoryview(b"\x00\x00\xc0\x7f" * 2).cast("f").tolist())
print(memoryview(b"\x00\x00\x00\x00\x00\x00\xf0?").cast("d").tolist())

# the BIGCHARSET use in re._compiler: cast('I') of a bytes object
data = bytes([1, 0, 0, 0, 255, 255, 255, 255])
print(memoryview(data).cast("I").tolist())

# N-dimensional views
d = m.cast("B", shape=[4, 6])
print(d.shape, d.strides, d.ndim, d.nbytes, len(d), d.tolist())
print(d[1, 2], d[-1, -1], d[::2].tolist(), d[::2].shape, d[::2].strides, d[::2].c_contiguous)
print(d[1:3].tolist(), d.tobytes() == bytes(buf), d.cast("B").shape, d.cast("H", [12]).tolist()[:3])
e = m.cast("H", (2, 3, 2))
print(e.shape, e.strides, e.tolist())
print(e[1, 2, 1], e.cast("B").tolist() == list(range(24)))
z = memoryview(b"a").cast("B", shape=())
print(z.ndim, z.shape, z.strides, z.tolist(), z[()], z[...] is z, z.nbytes)
wz = memoryview(bytearray(b"a")).cast("c", ())
wz[()] = b"z"
print(wz.tolist())

# item assignment checks the format's range and type
w = memoryview(bytearray(8)).cast("h")
w[0] = -2
w[1] = 32767
w[2:4] = memoryview(bytearray(b"\x01\x00\x02\x00")).cast("h")
print(w.tolist(), w.obj)
d[1, 1] = 99
print(buf[7])
for name, f in [
    ("h big", lambda: w.__setitem__(0, 40000)),
    ("h str", lambda: w.__setitem__(0, "x")),
    ("h float", lambda: w.__setitem__(0, 1.5)),
    ("B neg", lambda: m.__setitem__(0, -1)),
    ("c int", lambda: m.cast("c").__setitem__(0, 1)),
    ("c long", lambda: m.cast("c").__setitem__(0, b"ab")),
    ("slice struct", lambda: w.__setitem__(slice(0, 2), b"abcd")),
    ("2d index", lambda: d[0]),
    ("2d set index", lambda: d.__setitem__(0, 1)),
    ("2d iter", lambda: iter(d)),
    ("2d slice set", lambda: d.__setitem__(slice(0, 1), b"")),
    ("2d short tuple", lambda: d[(1,)]),
    ("2d long tuple", lambda: d[1, 2, 3]),
    ("2d out", lambda: d[1, 6]),
    ("2d multislice", lambda: d[0:1, 0:1]),
    ("0d len", lambda: len(z)),
    ("0d index", lambda: z[0]),
    ("0d iter", lambda: iter(z)),
    ("bad format", lambda: m.cast("x")),
    ("two letters", lambda: m.cast("II")),
    ("e format", lambda: m.cast("e")),
    ("bytes format", lambda: m.cast(b"B")),
    ("no format", lambda: m.cast()),
    ("non-byte to non-byte", lambda: m.cast("I").cast("H")),
    ("not multiple", lambda: m.cast("B")[:5].cast("I")),
    ("not contiguous", lambda: m[::2].cast("B")),
    ("shape zero", lambda: m.cast("B", [24, 0])),
    ("shape negative", lambda: m.cast("B", [-24])),
    ("shape str", lambda: m.cast("B", ["a"])),
    ("shape int", lambda: m.cast("B", 24)),
    ("shape product", lambda: m.cast("B", [5, 5])),
    ("nd to nd", lambda: d.cast("B", [6, 4])),
    ("too many dims", lambda: m.cast("B", [1] * 65)),
    ("zeros", lambda: memoryview(b"").cast("B", [1])),
    ("hash", lambda: hash(memoryview(b"abcd").cast("h"))),
    ("released", lambda: (lambda v: (v.release(), v.cast("B")))(memoryview(b"ab"))),
]:
    try:
        print(name, f())
    except Exception as exc:
        print(name, type(exc).__name__, exc)

# equality compares shapes, then items by value
print(memoryview(b"abcd").cast("h") == memoryview(b"abcd"), memoryview(b"abcd").cast("h") == memoryview(b"abcd").cast("h"))
print(memoryview(b"abcd").cast("B", [2, 2]) == memoryview(b"abcd").cast("B", [2, 2]), memoryview(b"ab").cast("b") == b"ab")
nan = memoryview(b"\x00\x00\xc0\x7f").cast("f")
print(nan == nan, nan == memoryview(b"\x00\x00\xc0\x7f").cast("f"))
print(memoryview(b"\x01\x00").cast("H") == memoryview(b"\x01\x00\x00\x00").cast("I")[:1])
print(hash(memoryview(b"ab").cast("c")) == hash(b"ab"), memoryview(b"abcd").cast("h").hex(), memoryview(b"abcd").cast("h").tobytes())
r = memoryview(buf).toreadonly()
print(r.readonly, r.cast("I").readonly, memoryview(r.cast("H", [3, 4])).shape)
try:
    r[0] = 1
except TypeError as exc:
    print(type(exc).__name__, exc)
