# Natives that take bytes-like arguments accept any buffer exporter: array, memoryview, BytesIO views
import array, binascii, hashlib, io, struct, zlib

def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

a = array.array("H", [0x4142, 0x4344])
view = memoryview(bytearray(b"xyz"))
bio = io.BytesIO(b"bio!")
bv = bio.getbuffer()
for label, x in [("array", a), ("memoryview", view), ("bytesio view", bv), ("slice", memoryview(b"0123456")[1:4])]:
    print(label, bytes(x), bytearray(x), len(bytes(x)))
    print("  join", b"|".join([x, b"-", x]), bytearray(b"+").join([x, x]))
    print("  concat", b"<" + x, bytearray(b">") + x)
    print("  in", bytes(x)[:1] in bytes(x), b"%s" % x if not isinstance(x, array.array) else "")
    print("  hash", hashlib.sha1(x).hexdigest()[:16], hashlib.md5(bytes(x)).hexdigest() == hashlib.md5(x).hexdigest())
    print("  zlib", zlib.crc32(x), zlib.adler32(x), zlib.decompress(zlib.compress(x)) == bytes(x))
    print("  binascii", binascii.hexlify(x), binascii.crc32(x), binascii.b2a_base64(x))
    print("  decode", str(x, "latin-1"), bytes(x).decode("ascii"))
    out = io.BytesIO()
    print("  write", out.write(x), out.getvalue())
    print("  find", b"xyzABCD".find(x), bytes(x).startswith(x))
bv.release()
# struct reads from and writes into any buffer
s = struct.Struct("<HH")
print(s.unpack_from(a), struct.unpack_from("<B", a, 1), struct.unpack("<HH", a))
target = array.array("B", bytes(6))
struct.pack_into("<HH", target, 1, 1, 0xFFFF)
print(target)
mv = memoryview(target)
struct.pack_into(">H", mv, 4, 0x0102)
print(target, list(struct.iter_unpack("<H", target)))
attempt("pack_into bytes", lambda: struct.pack_into("B", b"ab", 0, 1))
attempt("pack_into readonly view", lambda: struct.pack_into("B", memoryview(bytearray(2)).toreadonly(), 0, 1))
mv.release()
# readinto fills any writable buffer
r = io.BytesIO(b"\x01\x02\x03\x04\x05\x06\x07\x08")
buf = array.array("i", [0, 0])
print(r.readinto(buf), buf.tobytes())
dst = bytearray(3)
print(r.readinto(memoryview(dst)), dst)
attempt("readinto bytes", lambda: r.readinto(b"abc"))
# hashing incrementally and hmac over buffers
h = hashlib.sha256()
h.update(array.array("B", b"ab"))
h.update(memoryview(b"cd"))
print(h.hexdigest() == hashlib.sha256(b"abcd").hexdigest())
# a bytearray exported by a memoryview over it refuses to resize, then accepts once released
ba = bytearray(b"abc")
m = memoryview(ba)
attempt("bytearray append", lambda: ba.append(1))
attempt("bytearray same-size slice", lambda: ba.__setitem__(slice(0, 1), b"Z"))
m2 = memoryview(m)
m.release()
attempt("bytearray with a view of the view", lambda: ba.extend(b"d"))
m2.release()
ba.extend(b"d")
print(ba)
# views of views keep the exporter and its format
arr = array.array("d", [0.5, 1.5])
v1 = memoryview(arr)
v2 = memoryview(v1)
print(v2.obj is arr, v2.format, v2.tolist())
v2[1] = 9.0
print(arr)
v1.release()
attempt("append with v2", lambda: arr.append(1.0))
v2.release()
arr.append(1.0)
print(arr)
# array compares with memoryview by items
print(memoryview(array.array("i", [1, 2])) == array.array("i", [1, 2]), memoryview(b"ab") == array.array("B", b"ab"))
print(memoryview(array.array("i", [1, 2])) == [1, 2], memoryview(array.array("b", [1, 2])) == b"\x01\x02")
