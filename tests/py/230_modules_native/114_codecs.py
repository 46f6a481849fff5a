# _codecs: registry, error handler registry and standard handlers, per-codec functions with final=False
import _codecs as c

print(c.utf_8_encode('h\xe9llo'), c.utf_8_decode(b'h\xc3\xa9llo'), c.utf_8_decode(b'ab\xc3', None, False), c.utf_8_decode(b'ab\xe2\x82', 'strict', False))
print(c.utf_8_decode(b'ab\xc3', 'replace', True), c.utf_8_decode(b'\xff', 'ignore'), c.ascii_encode('abc'), c.ascii_decode(b'xyz'))
print(c.latin_1_encode('\xff'), c.latin_1_decode(b'\xe9'), c.utf_16_encode('ab'), c.utf_16_encode('ab', None, 1), c.utf_16_le_encode('a'))
print(c.utf_16_decode(b'\xff\xfea\x00b'), c.utf_16_le_decode(b'a\x00b'), c.utf_16_be_decode(b'\x00a\xd8\x3d', None, False), c.utf_16_ex_decode(b'\xfe\xff\x00a'))
print(c.utf_32_encode('a'), c.utf_32_le_decode(b'a\x00\x00\x00b\x00'), c.utf_32_be_encode('\U0001f600'))
print(c.unicode_escape_encode('a\n\xe9\u20ac'), c.unicode_escape_decode(b'a\\n\\u20ac'), c.raw_unicode_escape_encode('\u20ac\\x'), c.raw_unicode_escape_decode(b'\\u20ac'))
print(c.escape_encode(b"a'\n\x00\xff"), c.escape_decode(b'a\\n\\x41\\101\\\\q'), c.readbuffer_encode('abc'))
table = ''.join(chr(i) for i in range(128)) + '\u20ac' + '\ufffe' * 127
enc = c.charmap_build(table)
print(c.charmap_decode(b'a\x80', 'strict', table), c.charmap_encode('a\u20ac', 'strict', enc), c.charmap_decode(b'ab', None, {97: 'X', 98: None}, ) if False else '')
print(c.charmap_decode(b'a\x81', 'replace', table), c.charmap_encode('a\xff', 'replace', enc), c.charmap_decode(b'xy', 'strict', None))
for call in [lambda: c.charmap_decode(b'\x81', 'strict', table), lambda: c.charmap_encode('\xff', 'strict', enc),
             lambda: c.utf_8_decode(b'\xff'), lambda: c.ascii_encode('\xe9'), lambda: c.lookup('no-such-codec'),
             lambda: c.lookup_error('nope'), lambda: c.register(1), lambda: c.register_error('x', 1), lambda: c.utf_8_encode(b'x'),
             lambda: c.escape_decode(b'\\x4'), lambda: c.lookup(1)]:
    try:
        print(repr(call()))
    except (UnicodeError, LookupError, TypeError, ValueError) as e:
        print(type(e).__name__, e)
e = UnicodeEncodeError('ascii', 'a\xe9\u20acb', 1, 3, 'bad')
for name in ['ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace', 'namereplace']:
    print(name, c.lookup_error(name)(e))
d = UnicodeDecodeError('utf-8', b'a\xff\xfeb', 1, 3, 'bad')
for name in ['ignore', 'replace', 'backslashreplace', 'surrogateescape']:
    print(name, ascii(c.lookup_error(name)(d)))
print(c.lookup_error('surrogateescape')(UnicodeEncodeError('utf-8', 'a\udc80\udcff', 1, 3, 'x')))
print(c.lookup_error('surrogatepass')(UnicodeEncodeError('utf-8', 'a\ud800', 1, 2, 'x')))
for name in ['strict', 'xmlcharrefreplace']:
    try:
        c.lookup_error(name)(d)
    except (UnicodeError, TypeError) as err:
        print(name, type(err).__name__, err)
try:
    c.lookup_error('ignore')(ValueError('x'))
except TypeError as err:
    print('TypeError', err)
def handler(exc):
    return ('<%d:%d>' % (exc.start, exc.end), exc.end)
c.register_error('test.mine', handler)
print(c.lookup_error('test.mine') is handler, c.charmap_encode('a\xff\xfe', 'test.mine', enc) if False else '')
def search(name):
    if name == 'test_codec':
        return (lambda s, errors='strict': (s.upper().encode(), len(s)), lambda b, errors='strict': (b.decode().lower(), len(b)), None, None)
    return None
c.register(search)
print(c.lookup('TEST-codec')[0]('abc'), c.encode('xyz', 'test-codec'), c.decode(b'XYZ', 'test-codec'), c.encode('\xe9'), c.decode(b'\xc3\xa9'))
c.unregister(search)
try:
    c.lookup('test-codec')
except LookupError as err:
    print('LookupError', err)
