# io.BytesIO and the _io names the library imports (open_code, text_encoding): CPython semantics on slpy's native io
import io
b = io.BytesIO(b'hello\nworld\n')
print(b.read(3), b.readline(), b.readline(2), b.tell(), b.seek(0, 2), b.seek(-3, 2), b.read())
for args in [(-1,), (0, 3), ('x',)]:
    try: b.seek(*args)
    except Exception as e: print(type(e).__name__, e)
try: b.truncate(-1)
except Exception as e: print(type(e).__name__, e)
b.seek(20); print(b.write(b'X'), b.getvalue())
print(b.truncate(3), b.getvalue(), b.tell())
try: b.write('s')
except Exception as e: print(type(e).__name__, e)
try: b.fileno()
except Exception as e: print(type(e).__name__, e)
print(list(io.BytesIO(b'a\nb')), io.BytesIO(bytearray(b'q')).read(), io.BytesIO().read())
b.close()
for f in ('read', 'tell', 'readable', 'getvalue', 'isatty'):
    try: getattr(b, f)()
    except Exception as e: print(f, type(e).__name__, e)
print(b.closed)
try: io.BytesIO('x')
except Exception as e: print(type(e).__name__, e)
c = io.BytesIO(b'abc'); ba = bytearray(2); print(c.readinto(ba), ba, c.read1(), c.readlines())
with io.BytesIO() as w:
    w.write(b'ab'); w.writelines([b'c', bytearray(b'd')]); w.seek(1); w.write(b'Z'); print(w.getvalue(), w.tell())
print(w.closed, io.BytesIO(b'x\ny\nz').readlines(2))
class Sub(io.BytesIO):
    pass
print(Sub(b'q').read(), isinstance(Sub(), io.BytesIO))
import _io
print(_io.BytesIO is io.BytesIO, _io.StringIO is io.StringIO, _io.text_encoding(None), _io.text_encoding("utf-8"))
with _io.open_code("008_io_bytesio.py") as f:
    print(f.readline().startswith(b"# io.BytesIO"), type(f).__name__)
import marshal
print(marshal.loads(marshal.dumps((1, "two", b"three", [4.0], {5: None}, frozenset({6}), 2**70))))
# data marshalled by CPython (with its back-references) reads back
shared = ("s", "s", 1.5)
print(marshal.loads(b'[\x03\x00\x00\x00\xa9\x04\xda\x01ar\x01\x00\x00\x00\xe7\x00\x00\x00\x00\x00\x00\xf8?r\x02\x00\x00\x00r\x00\x00\x00\x00r\x01\x00\x00\x00'))
for bad in (b"", b"r\x00\x00\x00\x00", b"(\x05\x00\x00\x00i", b"?"):
    try:
        marshal.loads(bad)
    except (ValueError, EOFError) as e:
        print(type(e).__name__, e)
