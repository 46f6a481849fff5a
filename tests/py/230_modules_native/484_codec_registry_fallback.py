# str.encode/bytes.decode for names slpy has no native codec for go through the codec registry (codecs.register)
import codecs
def search(name):
    if name == 'rot_x':
        def enc(s, errors='strict'):
            return bytes(ord(c) + 1 for c in s), len(s)
        def dec(b, errors='strict'):
            return ''.join(chr(x - 1) for x in b), len(b)
        return codecs.CodecInfo(enc, dec, name='rot_x')
    if name == 'returns_str':
        return codecs.CodecInfo(lambda s, e='strict': (s, len(s)), lambda b, e='strict': (b, len(b)), name='returns_str')
    if name == 'binary_x':
        return codecs.CodecInfo(lambda s, e='strict': (s, len(s)), lambda b, e='strict': (b, len(b)), name='binary_x', _is_text_encoding=False)
    if name == 'raises':
        def bad(*a):
            raise TypeError('inner problem')
        return codecs.CodecInfo(bad, bad, name='raises')
    return None
codecs.register(search)
print('abc'.encode('rot_x'), b'bcd'.decode('rot_x'), str(b'bcd', 'rot-x'), bytes('abc', 'ROT_X'))
for f in (lambda: 'a'.encode('returns_str'), lambda: b'a'.decode('returns_str'), lambda: 'a'.encode('binary_x'),
          lambda: b'a'.decode('binary_x'), lambda: 'a'.encode('raises'), lambda: b'a'.decode('raises'),
          lambda: 'a'.encode('no_such_codec'), lambda: b'a'.decode('no-such-codec')):
    try:
        print(f())
    except (TypeError, LookupError) as e:
        print(type(e).__name__, e, type(e.__cause__).__name__)
codecs.unregister(search)
