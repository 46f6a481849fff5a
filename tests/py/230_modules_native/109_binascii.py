# binascii: hex, base64 (strict and not), uu, qp, crc32/crc_hqx and their errors
import binascii as b

print(b.hexlify(b'\x00\x01\xfe\xff'), b.b2a_hex(b'abc'), b.hexlify(bytearray(b'xy')), b.hexlify(memoryview(b'q')))
print(b.hexlify(b'\x01\x02\x03\x04\x05', '-', 2), b.hexlify(b'\x01\x02\x03\x04\x05', b':', -2), b.b2a_hex(b'ab', ':'),
      b.hexlify(b'\x01\x02\x03', ' ', 5), b.hexlify(b'', '-'))
print(b.unhexlify('00ff10'), b.a2b_hex(b'ABcd'), b.unhexlify(''))
print(b.b2a_base64(b''), b.b2a_base64(b'a'), b.b2a_base64(b'ab'), b.b2a_base64(b'abc'), b.b2a_base64(b'\xff\xfe\xfd\xfc', newline=False))
print(b.a2b_base64(b'YWJj'), b.a2b_base64('YQ=='), b.a2b_base64(b'Y W\nJ j'), b.a2b_base64(b'YQ==YWJj'), b.a2b_base64(b'YQ=x='))
data = bytes(range(256))
print(b.a2b_base64(b.b2a_base64(data)) == data, b.unhexlify(b.hexlify(data)) == data)
for call in [lambda: b.unhexlify('abc'), lambda: b.unhexlify('zz'), lambda: b.a2b_base64('abcde'), lambda: b.a2b_base64('ab'),
             lambda: b.a2b_base64(b'=ab', strict_mode=True), lambda: b.a2b_base64(b'YQ==YQ==', strict_mode=True),
             lambda: b.a2b_base64(b'Y Q==', strict_mode=True), lambda: b.a2b_base64(b'YQ=a', strict_mode=True),
             lambda: b.hexlify('x'), lambda: b.a2b_base64(5), lambda: b.hexlify(b'ab', 'xy'), lambda: b.b2a_uu(b'x' * 46),
             lambda: b.unhexlify('\xe9'), lambda: b.crc32('a'), lambda: b.a2b_uu(b'!!!!!'), lambda: b.hexlify(b'ab', ':', 'x')]:
    try:
        print(repr(call()))
    except (b.Error, TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(b.Error.__mro__, b.Incomplete.__mro__)
print(b.a2b_uu(b.b2a_uu(b'hello world')), b.b2a_uu(b'hi', backtick=True), b.b2a_uu(b''), b.a2b_uu(b''), b.a2b_uu(b' '))
print(b.b2a_uu(bytes(range(45))))
print(b.crc32(b''), b.crc32(b'hello'), b.crc32(b'world', b.crc32(b'hello ')), b.crc32(b'x', -1), b.crc32(b'abc', 2**40 + 5))
print(b.crc_hqx(b'', 0), b.crc_hqx(b'hello', 0), b.crc_hqx(b'hello', 0xffff), b.crc_hqx(b'abc', -1))
print(b.b2a_qp(b'hello = world\tx\n'), b.b2a_qp(b'caf\xe9 _ ok', header=True), b.b2a_qp(b'tab\tend ', quotetabs=True))
print(b.b2a_qp(b'x' * 80), b.b2a_qp(b'line\r\nnext\r\n'), b.b2a_qp(b'.\n'), b.b2a_qp(b'a\nb', istext=False))
print(b.a2b_qp(b'caf=E9=3D =\nnext'), b.a2b_qp(b'a_b', header=True), b.a2b_qp(b'=4'), b.a2b_qp('x=zz'))
