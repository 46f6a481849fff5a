# _bz2 / bz2: one-shot and incremental compression, max_length, needs_input, unused_data, eof and errors
import bz2
import _bz2

data = b"".join(b"line %d of some text to squeeze\n" % i for i in range(2000))
packed = bz2.compress(data)
print(packed[:4], len(bz2.decompress(packed)) == len(data), bz2.decompress(packed) == data)
for level in (1, 5, 9):
    print(level, bz2.decompress(bz2.compress(data, level)) == data)

c = _bz2.BZ2Compressor(3)
parts = [c.compress(data[i:i + 1000]) for i in range(0, len(data), 1000)]
parts.append(c.flush())
print(bz2.decompress(b"".join(parts)) == data)

# max_length and needs_input
d = _bz2.BZ2Decompressor()
print(d.eof, d.needs_input, d.unused_data)
out = d.decompress(packed, 100)
print(len(out), d.needs_input, d.eof)
got = [out]
while not d.eof:
    chunk = d.decompress(b"", 5000)
    assert len(chunk) <= 5000
    got.append(chunk)
print(b"".join(got) == data, d.needs_input, d.unused_data)

# the input in small pieces
d = _bz2.BZ2Decompressor()
got = []
for i in range(0, len(packed), 7):
    got.append(d.decompress(packed[i:i + 7]))
print(b"".join(got) == data, d.eof, d.needs_input)

# data after the end of the stream
d = _bz2.BZ2Decompressor()
print(d.decompress(packed + b"trailing junk") == data, d.unused_data, d.eof)
print(bz2.decompress(packed + packed) == data * 2)

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)

show(lambda: d.decompress(b"x"))
show(lambda: _bz2.BZ2Decompressor().decompress(b"this is not bzip2 data"))
show(lambda: bz2.decompress(packed[:-10]))
show(lambda: _bz2.BZ2Compressor(0))
show(lambda: _bz2.BZ2Compressor(10))
show(lambda: _bz2.BZ2Compressor("9"))
show(lambda: _bz2.BZ2Compressor(1, 2))
show(lambda: _bz2.BZ2Compressor(compresslevel=3))
show(lambda: _bz2.BZ2Decompressor(1))
show(lambda: _bz2.BZ2Decompressor().decompress("text"))
show(lambda: _bz2.BZ2Decompressor().decompress())
c = _bz2.BZ2Compressor()
c.compress(b"abc")
print(bz2.decompress(c.flush()))
show(lambda: c.flush())
show(lambda: c.compress(b"x"))
show(lambda: bz2.decompress(b""))
show(lambda: bz2.compress(memoryview(b"view")) == bz2.compress(b"view"))
print(bz2.decompress(bz2.compress(bytearray(b"ba"))))
print(type(_bz2.BZ2Compressor()).__name__, _bz2.BZ2Decompressor.__module__)
try:
    class Sub(_bz2.BZ2Decompressor):
        pass
except TypeError as e:
    print("TypeError:", e)
import pickle
show(lambda: pickle.dumps(_bz2.BZ2Compressor()))
