# _struct: struct.error and TypeError messages as CPython 3.11 words them
import _struct as s

def show(expr):
    try:
        print(expr, '->', eval(expr))
    except Exception as e:
        print(expr, '->', type(e).__name__, e)

for fmt in ('b', 'B', 'h', 'H', 'i', 'I', 'l', 'L', 'q', 'Q', 'n', 'N', 'P'):
    for pre in ('@', '<', '>'):
        if pre != '@' and fmt in 'nNP':
            continue
        for v in (-1, 2**64, -2**63 - 1, 300, 70000, 2**33, '1', 1.5):
            try:
                s.pack(pre + fmt, v)
            except (s.error, TypeError, OverflowError) as e:
                print(pre + fmt, repr(v), type(e).__name__, e)
for expr in [
    "s.pack('<f', 1e300)", "s.pack('<e', 1e300)", "s.pack('e', 65520.0)", "s.pack('d', 'a')", "s.pack('<d', 'a')",
    "s.pack('f', 'x')", "s.pack('d', 2**2000)", "s.pack('c', b'ab')", "s.pack('c', 'a')", "s.pack('s', 'a')",
    "s.pack('p', 1)", "s.pack('i')", "s.pack('i', 1, 2)", "s.pack('x', 1)", "s.pack('z', 1)", "s.pack('<n', 1)",
    "s.pack('>P', 1)", "s.pack('3', 1)", "s.calcsize(' 2 i')", "s.calcsize('2 i')", "s.calcsize('99999999999999999999i')",
    "s.calcsize('12345678901234567890x')", "s.calcsize('i\\0')", "s.calcsize(1)", "s.calcsize()",
    "s.unpack('i', b'abc')", "s.unpack('i', 'abcd')", "s.unpack('i')", "s.unpack_from('i', b'abc')",
    "s.unpack_from('i', b'abcdef', 3)", "s.unpack_from('i', b'abcdef', -10)", "s.unpack_from('i', b'abcdef', -2)",
    "s.pack_into('i', bytearray(3), 0, 1)", "s.pack_into('i', bytearray(6), 4, 1)", "s.pack_into('i', bytearray(6), -10, 1)",
    "s.pack_into('i', bytearray(6), -2, 1)", "s.pack_into('i', b'abcd', 0, 1)", "s.pack_into('i', bytearray(6), 'a', 1)",
    "s.pack_into('i', bytearray(6), 0)", "s.Struct('i').pack_into()", "s.Struct('i').pack_into(bytearray(4))",
    "s.iter_unpack('i', b'abc')", "s.iter_unpack('', b'abc')", "s.Struct(1)", "s.Struct('i').pack(1.0)",
    "s.Struct('q').unpack(b'')", "s.pack('?')",
]:
    show(expr)
