# zlib: one-shot and streaming compression round trips, wbits formats, checksums, errors
import zlib

data = b'hello hello hello hello, zlib! ' * 40 + bytes(range(256))
c = zlib.compress(data)
print(len(data), c[:2], zlib.decompress(c) == data, zlib.compress(b'') , zlib.decompress(zlib.compress(b'')))
for level in (0, 1, 6, 9, -1):
    print(level, zlib.decompress(zlib.compress(data, level)) == data, end='; ')
print()
for wbits in (9, 15, -15, 31, -9):
    z = zlib.compress(data, wbits=wbits)
    print(wbits, z[:2].hex() if wbits > 0 else '', zlib.decompress(z, wbits) == data, end='; ')
print()
print(zlib.decompress(zlib.compress(data, wbits=31), 47) == data, zlib.decompress(c, 47) == data, zlib.decompress(c, bufsize=1) == data)
co = zlib.compressobj(9, zlib.DEFLATED, -12, 9, zlib.Z_FILTERED)
parts = [co.compress(data[:100]), co.compress(data[100:]), co.flush(zlib.Z_SYNC_FLUSH), co.compress(b'tail'), co.flush()]
raw = b''.join(parts)
print(type(co).__name__, zlib.decompress(raw, -12) == data + b'tail', co.flush(zlib.Z_NO_FLUSH))
do = zlib.decompressobj(-12)
out = do.decompress(raw[:50]) + do.decompress(raw[50:] + b'EXTRA')
print(type(do).__name__, out == data + b'tail', do.eof, do.unused_data, do.unconsumed_tail, do.flush())
do = zlib.decompressobj()
first = do.decompress(c, 100)
print(len(first), len(do.unconsumed_tail) > 0, do.eof)
rest = b''
while do.unconsumed_tail:
    rest += do.decompress(do.unconsumed_tail, 1000)
rest += do.flush()
print(first + rest == data, do.eof)
d2 = zlib.decompressobj()
d2.decompress(c[:30])
d3 = d2.copy()
print(d2.decompress(c[30:]) == d3.decompress(c[30:]))
zd = b'hello zlib dictionary'
co = zlib.compressobj(zdict=zd)
cz = co.compress(b'hello zlib dictionary hello') + co.flush()
dz = zlib.decompressobj(zdict=zd)
print(dz.decompress(cz))
print(zlib.crc32(b''), zlib.crc32(b'hello'), zlib.crc32(b'x', 2**32 + 1), zlib.adler32(b''), zlib.adler32(b'hello'), zlib.adler32(b'hello', 7))
print(zlib.MAX_WBITS, zlib.DEFLATED, zlib.DEF_MEM_LEVEL, zlib.DEF_BUF_SIZE, zlib.Z_BEST_COMPRESSION, zlib.Z_FINISH, zlib.Z_SYNC_FLUSH,
      zlib.Z_DEFAULT_COMPRESSION, zlib.Z_RLE, zlib.Z_FIXED, zlib.Z_BLOCK, zlib.Z_TREES, type(zlib.ZLIB_VERSION).__name__)
for call in [lambda: zlib.compress(b'x', 10), lambda: zlib.decompress(b'xyz'), lambda: zlib.decompress(c[:-3]),
             lambda: zlib.compressobj(wbits=99), lambda: zlib.decompressobj(wbits=99), lambda: zlib.decompress(b'x', bufsize=-1),
             lambda: zlib.compress('s'), lambda: zlib.decompressobj().decompress(b'', -1), lambda: zlib.decompressobj().flush(0),
             lambda: zlib.compress(b'a', wbits=99), lambda: zlib.decompress(c, wbits=99)]:
    try:
        print(repr(call()))
    except (zlib.error, ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(zlib.error.__mro__)
