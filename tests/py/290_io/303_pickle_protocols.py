# pickle.py's Pickler on plain data with protocols 3-5: framing through BytesIO.getbuffer, exact bytes
import hashlib, io, pickle

plain = {
    "ints": [0, 1, -1, 255, 256, 65535, -65536, 2**31, 2**63, -(2**70)],
    "floats": [0.0, -1.5, 1e300],
    "strs": ["", "a", "ä€𝄞", "x" * 300],
    "bytes": [b"", b"\x00\xff", b"y" * 300],
    "barr": bytearray(b"ba"),
    "nested": ((1, 2), [3, (4,)], {"k": None}),
    "flags": [True, False, None],
    "sets": [set(), {1, 2, 3}, frozenset({4})],
}
shared = [1, 2]
plain["shared"] = [shared, shared]

for proto in (3, 4, 5):
    data = pickle.dumps(plain, protocol=proto)
    back = pickle.loads(data)
    print(proto, len(data), hashlib.sha1(data).hexdigest(), back == plain, back["shared"][0] is back["shared"][1])

# big enough for several frames (pickle.py commits a frame through getbuffer() past 64 KiB)
big = {"rows": [{"id": i, "name": "row%d" % i, "vals": list(range(i % 7))} for i in range(3000)], "blob": b"z" * 200000}
for proto in (4, 5):
    data = pickle.dumps(big, protocol=proto)
    print(proto, len(data), hashlib.sha1(data).hexdigest(), pickle.loads(data) == big)

# dump/load through a file object
f = io.BytesIO()
pickle.dump(plain, f, protocol=5)
pickle.dump([1, 2, 3], f, protocol=4)
f.seek(0)
print(pickle.load(f) == plain, pickle.load(f))
# loads accepts any bytes-like object
data = pickle.dumps(("t", 1), protocol=5)
print(pickle.loads(bytearray(data)), pickle.loads(memoryview(data)))
print(pickle.loads(io.BytesIO(data).getbuffer()))
# bytearray reduces as CPython's: a latin-1 str below protocol 3, bytes from 3, plus a subclass's __dict__
class BA(bytearray):
    pass
sub = BA(b"\xff")
sub.tag = 1
print(bytearray(b"ba").__reduce_ex__(2), bytearray().__reduce_ex__(2), bytearray(b"ba").__reduce_ex__(4))
print(sub.__reduce_ex__(3)[1:], sub.__reduce__()[1:])
print(pickle.loads(pickle.dumps([bytearray(b"q"), sub], protocol=3)))
