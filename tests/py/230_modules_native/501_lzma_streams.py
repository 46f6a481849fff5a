# _lzma / lzma: formats, checks, presets, filter chains, max_length, needs_input, unused_data, errors
import lzma
import _lzma

data = b"".join(b"record %d: the quick brown fox\n" % i for i in range(3000))
for fmt in (lzma.FORMAT_XZ, lzma.FORMAT_ALONE):
    packed = lzma.compress(data, format=fmt)
    print(fmt, packed[:6], lzma.decompress(packed) == data, lzma.decompress(packed, format=fmt) == data)
for check in (lzma.CHECK_NONE, lzma.CHECK_CRC32, lzma.CHECK_CRC64, lzma.CHECK_SHA256):
    d = lzma.LZMADecompressor()
    print(check, lzma.is_check_supported(check), d.check, d.decompress(lzma.compress(data, check=check)) == data, d.check)
print(lzma.decompress(lzma.compress(data, preset=1 | lzma.PRESET_EXTREME)) == data)

filters = [{"id": lzma.FILTER_DELTA, "dist": 4}, {"id": lzma.FILTER_X86, "start_offset": 0},
           {"id": lzma.FILTER_LZMA2, "preset": 6, "dict_size": 1 << 20, "lc": 3, "lp": 0, "pb": 2,
            "mode": lzma.MODE_NORMAL, "nice_len": 64, "mf": lzma.MF_BT4, "depth": 0}]
raw = lzma.compress(data, format=lzma.FORMAT_RAW, filters=filters)
print(lzma.decompress(raw, format=lzma.FORMAT_RAW, filters=filters) == data)
xz = lzma.compress(data, filters=filters)
print(lzma.decompress(xz) == data)
alone = lzma.compress(data, format=lzma.FORMAT_ALONE, filters=[{"id": lzma.FILTER_LZMA1, "preset": 2}])
print(lzma.decompress(alone, format=lzma.FORMAT_ALONE) == data)

# incremental, max_length, needs_input, unused_data
packed = lzma.compress(data)
c = lzma.LZMACompressor()
parts = [c.compress(data[i:i + 4096]) for i in range(0, len(data), 4096)] + [c.flush()]
print(lzma.decompress(b"".join(parts)) == data)
d = lzma.LZMADecompressor()
print(d.check, d.eof, d.needs_input, d.unused_data)
out = d.decompress(packed, 10)
print(len(out), d.needs_input, d.eof)
got = [out]
while not d.eof:
    chunk = d.decompress(b"", 7000)
    assert len(chunk) <= 7000
    got.append(chunk)
print(b"".join(got) == data, d.needs_input, d.check)
d = lzma.LZMADecompressor()
got = [d.decompress(packed[i:i + 11]) for i in range(0, len(packed), 11)]
print(b"".join(got) == data, d.eof)
d = lzma.LZMADecompressor()
print(d.decompress(packed + b"extra") == data, d.unused_data)
print(lzma.decompress(packed + packed) == data * 2)

# filter properties
props = _lzma._encode_filter_properties({"id": lzma.FILTER_LZMA1, "lc": 3, "lp": 0, "pb": 2, "dict_size": 1 << 23})
print(props, _lzma._decode_filter_properties(lzma.FILTER_LZMA1, props))
print(_lzma._decode_filter_properties(lzma.FILTER_LZMA2, b"\x10"))
print(_lzma._encode_filter_properties({"id": lzma.FILTER_DELTA, "dist": 5}),
      _lzma._decode_filter_properties(lzma.FILTER_DELTA, b"\x03"))
print(_lzma._decode_filter_properties(lzma.FILTER_X86, b"\x00\x01\x00\x00"))

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)

show(lambda: d.decompress(b"x"))
show(lambda: lzma.LZMADecompressor().decompress(b"this is not xz data at all"))
show(lambda: lzma.decompress(packed[:-12]))
show(lambda: lzma.LZMADecompressor(memlimit=1024).decompress(packed))
show(lambda: lzma.LZMACompressor(preset=10))
show(lambda: lzma.LZMACompressor(preset=-1))
show(lambda: lzma.LZMACompressor(preset=2 ** 40))
show(lambda: lzma.LZMACompressor(format=7))
show(lambda: lzma.LZMACompressor(format=lzma.FORMAT_ALONE, check=lzma.CHECK_CRC32))
show(lambda: lzma.LZMACompressor(preset=1, filters=filters))
show(lambda: lzma.LZMACompressor(format=lzma.FORMAT_RAW))
show(lambda: lzma.LZMACompressor(format=lzma.FORMAT_ALONE, filters=filters))
show(lambda: lzma.LZMACompressor(filters=[{"id": lzma.FILTER_LZMA2, "bogus": 1}]))
show(lambda: lzma.LZMACompressor(filters=[{"id": lzma.FILTER_LZMA2, "dict_size": "big"}]))
show(lambda: lzma.LZMACompressor(filters=[{"id": lzma.FILTER_LZMA2, "preset": 99}]))
show(lambda: lzma.LZMACompressor(filters=[{"id": lzma.FILTER_DELTA, "start_offset": 1}]))
show(lambda: lzma.LZMACompressor(filters=[{"id": lzma.FILTER_X86, "dist": 1}]))
show(lambda: lzma.LZMACompressor(filters=[{"id": 98765}]))
show(lambda: lzma.LZMACompressor(filters=[42]))
show(lambda: lzma.LZMACompressor(filters=[{}]))
show(lambda: lzma.LZMACompressor(filters=[{"id": "x"}]))
show(lambda: lzma.LZMACompressor(filters=[{"id": -1}]))
show(lambda: lzma.LZMACompressor(filters=5))
show(lambda: lzma.LZMACompressor(filters=[{"id": lzma.FILTER_DELTA}] * 5))
show(lambda: lzma.LZMACompressor(1, 2, 3, 4, 5))
show(lambda: lzma.LZMACompressor(level=1))
show(lambda: lzma.LZMADecompressor(format=lzma.FORMAT_RAW))
show(lambda: lzma.LZMADecompressor(format=lzma.FORMAT_RAW, memlimit=5))
show(lambda: lzma.LZMADecompressor(filters=filters))
show(lambda: lzma.LZMADecompressor(memlimit="x"))
show(lambda: lzma.LZMADecompressor(memlimit=-1))
show(lambda: lzma.LZMADecompressor(format=9))
show(lambda: _lzma.is_check_supported("x"))
show(lambda: _lzma._decode_filter_properties(99, b"\x10"))
show(lambda: _lzma._encode_filter_properties({"id": lzma.FILTER_DELTA, "dist": 500}))
c = lzma.LZMACompressor()
c.flush()
show(lambda: c.flush())
show(lambda: c.compress(b"x"))
print(_lzma.LZMAError.__module__, _lzma.LZMAError.__doc__, issubclass(lzma.LZMAError, Exception))
print(lzma.CHECK_UNKNOWN, lzma.CHECK_ID_MAX, lzma.PRESET_EXTREME, lzma.FILTER_LZMA1, lzma.FILTER_LZMA2, lzma.MF_BT4, lzma.MODE_FAST)
