# CJK codec errors: illegal/incomplete positions and reasons, the standard handlers and one from codecs.register_error
import codecs, _codecs_jp, _multibytecodec
for name, data in [('shift_jis', b'a\x82\xa0\xff'), ('shift_jis', b'ab\x82'), ('shift_jis', b'\x81 x'), ('euc_kr', b'\xa1'),
                   ('gbk', b'\x81\x20'), ('big5', b'xy\xf9'), ('hz', b'~{\x30'), ('hz', b'~x'), ('gb2312', b'\xa1\xa1\xff\xff')]:
    try:
        data.decode(name)
    except UnicodeDecodeError as e:
        print(name, type(e).__name__, e.encoding, e.start, e.end, e.reason, e.object)
    for errors in ('ignore', 'replace', 'backslashreplace', 'surrogateescape'):
        try:
            print('  ', errors, ascii(data.decode(name, errors)))
        except UnicodeDecodeError as e:
            print('  ', errors, 'UnicodeDecodeError', e.start, e.end, e.reason)
for name, text in [('shift_jis', 'aé'), ('euc_kr', 'x€y'), ('gb2312', '中\U0001f600'), ('iso2022_jp', 'a\u3042é'), ('big5', '\udc80')]:
    try:
        text.encode(name)
    except UnicodeEncodeError as e:
        print(name, type(e).__name__, e.encoding, e.start, e.end, e.reason)
    for errors in ('ignore', 'replace', 'xmlcharrefreplace', 'backslashreplace', 'namereplace'):
        try:
            print('  ', errors, text.encode(name, errors))
        except UnicodeEncodeError as e:
            print('  ', errors, 'UnicodeEncodeError', e.start, e.end)
codecs.register_error('test.cjk', lambda e: ('[%d-%d]' % (e.start, e.end), e.end))
codecs.register_error('test.cjk.bytes', lambda e: (b'<?>', e.end))
codecs.register_error('test.cjk.back', lambda e: ('-', -1 if e.end < len(e.object) else e.end))
print('aé€\u3042'.encode('euc_kr', 'test.cjk'), b'a\xff\xfeb'.decode('euc_kr', 'test.cjk'))
print('aéb'.encode('shift_jis', 'test.cjk.bytes'), 'aéb'.encode('shift_jis', 'test.cjk.back'))
codecs.register_error('test.cjk.bad', lambda e: ('é', e.end))
try:
    'aéb'.encode('shift_jis', 'test.cjk.bad')
except UnicodeEncodeError as e:
    print('unencodable replacement', e.start, e.end, e.object)
codecs.register_error('test.cjk.bad2', lambda e: ('\u3042é', e.end))
try:
    'xyaéb'.encode('shift_jis', 'test.cjk.bad2')
except UnicodeEncodeError as e:
    print('unencodable replacement', e.start, e.end, e.object)
codecs.register_error('test.cjk.far', lambda e: ('', 100))
try:
    'aéb'.encode('shift_jis', 'test.cjk.far')
except IndexError as e:
    print('IndexError', e)
try:
    'aé'.encode('shift_jis', 'no.such.handler')
except LookupError as e:
    print('LookupError', e)
try:
    _codecs_jp.getcodec('gbk')
except LookupError as e:
    print('LookupError', e)
c = _codecs_jp.getcodec('shift_jis')
print(type(c).__name__, type(c).__module__, c.encode('\u3042ab'), c.decode(b'\x82\xa0x'), c.encode('a', None), c.decode(bytearray(b'z')))
print(c.encode(b'x'), c.encode(12), codecs.getincrementalencoder('shift_jis')().encode(3))
for bad in (lambda: c.decode('x'), lambda: c.encode('a', 1), lambda: c.decode(b'a', 1)):
    try:
        bad()
    except TypeError as e:
        print('TypeError', e)
class Bad(_multibytecodec.MultibyteIncrementalEncoder):
    codec = 5
try:
    Bad()
except TypeError as e:
    print('TypeError', e)
