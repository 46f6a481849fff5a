# UnicodeEncodeError/DecodeError/TranslateError: str() after the attributes are reassigned (int reason, int encoding, start past the end), construction arity, bare __new__
u = UnicodeEncodeError('baz', 'xxxxx', 1, 5, 'foo')
print(str(u))
u.end = 2
print(str(u))
u.end = 5
u.reason = 0x345345345345345345
print(str(u))
u.encoding = 4000
print(str(u))
u.start = 1000
print(str(u))
d = UnicodeDecodeError('baz', b'xxxxx', 1, 5, 'foo')
d.end = 2
print(str(d))
d.start = 1000
d.end = 5
print(str(d))
t = UnicodeTranslateError('xxxx\u20ac', 1, 5, 'foo')
print(str(t), t.encoding, t.object, t.start, t.end, t.reason)
t.end = 2
print(str(t))
t.start, t.end = 4, 5
print(str(t))
for klass in (UnicodeEncodeError, UnicodeDecodeError, UnicodeTranslateError):
    print(repr(str(klass.__new__(klass))))
for args in ((UnicodeEncodeError, 'a'), (UnicodeTranslateError, 'a', 1)):
    try:
        args[0](*args[1:])
    except TypeError as e:
        print(e)
try:
    b'\xff'.decode('utf-8')
except UnicodeDecodeError as e:
    print(e)
try:
    '\u20ac'.encode('ascii')
except UnicodeEncodeError as e:
    print(e)
