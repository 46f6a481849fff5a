# _struct: every format character, native vs standard sizes and alignment, round trips
import _struct as s

print([s.calcsize(c) for c in 'xcbB?hHiIlLqQnNPefd'])
print([s.calcsize('<' + c) for c in 'xcbB?hHiIlLqQefd'], [s.calcsize('>' + c) for c in 'lLqQ'])
print(s.calcsize('ci'), s.calcsize('<ci'), s.calcsize('@cq'), s.calcsize('!cq'), s.calcsize('cd'), s.calcsize('ic'))
print(s.calcsize('3s2p'), s.calcsize('0s'), s.calcsize('10x'), s.calcsize('bh0i'), s.calcsize(' c  i '), s.calcsize(''))
print(s.pack('<hiq', 1, -2, 3), s.pack('>hiq', 1, -2, 3), s.pack('!HIQ', 65535, 2**32 - 1, 2**64 - 1))
print(s.pack('@ci', b'a', 1), s.pack('=ci', b'a', 1), s.pack('<bB', -128, 255), s.pack('>?x?', 0, 'yes'))
print(s.pack('<lL', -2**31, 2**32 - 1), s.pack('@lL', -2**63, 2**64 - 1), s.pack('nN', -5, 5), s.pack('P', 4096))
print(s.pack('<e', 1.5), s.pack('>e', -0.0), s.pack('<e', 65504.0), s.pack('<e', 1e-8), s.pack('<e', float('inf')))
print(s.pack('<e', 2.0**-24), s.pack('<e', 0.1), s.pack('<e', float('nan')), s.pack('<f', 0.1), s.pack('>d', 0.1))
print(s.pack('f', 1e300), s.pack('5s', b'ab'), s.pack('2s', b'abcd'), s.pack('3p', b'abcdef'), s.pack('1p', b'x'))
print(s.pack('2c', b'a', b'b'), s.pack('s', bytearray(b'z')), s.pack('<2h3x?', 1, 2, True), s.pack('<?', 5))
print(s.unpack('<hiq', s.pack('<hiq', 1, -2, 3)), s.unpack('>HIQ', b'\xff' * 14), s.unpack('<q', b'\xff' * 8))
print(s.unpack('<e', b'\x00\x3c'), s.unpack('<e', b'\x00\x7c'), s.unpack('>e', b'\xfc\x00'), s.unpack('<e', b'\x01\x00'))
print(s.unpack('<f', s.pack('<f', 0.1)), s.unpack('3p', b'\x05ab'), s.unpack('3s', b'a\x00c'), s.unpack('?', b'\x05'))
print(s.unpack('c', b'a'), s.unpack('2c', b'xy'), s.unpack('<4xh', b'\x00' * 4 + b'\x07\x00'), s.unpack('P', b'\xff' * 8))
print(s.unpack('n', s.pack('n', -7)), s.unpack('@bi', s.pack('@bi', 1, 2)), s.unpack('!l', b'\x80\x00\x00\x00'))
for v in (0.0, -0.0, 1.0, -2.5, 3.141592653589793, 1e-300, 1e300):
    assert s.unpack('>d', s.pack('>d', v))[0] == v
    assert s.unpack('<d', s.pack('<d', v))[0] == v
print(s.unpack('<e', s.pack('<e', 3.14159)), [s.unpack('<e', s.pack('<e', x))[0] for x in (0.5, 1 / 3, 1000.7, 2.0**-20)])
print(s.pack('<h', True), s.pack('B', False))
class I:
    def __index__(self):
        return 7
class F:
    def __float__(self):
        return 2.5
print(s.pack('i', I()), s.pack('d', F()), s.pack('d', 3), s.pack('<d', I()))
st = s.Struct('<2hxs')
print(st.format, st.size, st.pack(1, 2, b'z'), st.unpack(b'\x01\x00\x02\x00\x00z'), s.Struct(b'>i').format)
print(list(s.iter_unpack('<h', b'\x01\x00\x02\x00\x03\x00')), list(st.iter_unpack(b'\x00' * 12)))
it = s.iter_unpack('b', b'abc')
print(it.__length_hint__(), next(it), it.__length_hint__(), list(it), it.__length_hint__())
print(s.unpack_from('<h', b'xx\x05\x00', 2), s.unpack_from('<h', b'\x05\x00yy'), s.unpack_from('<h', buffer=b'\x01\x00'))
print(s.unpack_from('<h', b'ab\x05\x00', offset=-2), s.unpack('<i', memoryview(b'\x01\x00\x00\x00')))
ba = bytearray(8)
s.pack_into('<hh', ba, 2, 1, 2); print(ba)
s.pack_into('<h', ba, -2, -1); print(ba)
st.pack_into(ba, 0, 9, 9, b'q'); print(ba)
mv = memoryview(ba)[1:5]
s.pack_into('>i', mv, 0, 0x01020304); print(ba)
class MyStruct(s.Struct):
    pass
ms = MyStruct('<i')
print(ms.pack(5), ms.size, isinstance(ms, s.Struct), s.Struct.__module__, s.error.__module__, s.error.__name__)
print(issubclass(s.error, Exception), s._clearcache())
