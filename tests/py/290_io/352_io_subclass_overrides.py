# io subclasses: overridden buffer/raw methods are called by TextIOWrapper and BufferedReader, FileIO subclasses get their own type and __dict__
import io
calls = []
class B(io.BufferedReader):
    def read1(self, n=-1):
        calls.append('read1')
        return super().read1(n)
    def readable(self):
        calls.append('readable')
        return True
class R(io.RawIOBase):
    def __init__(self, data): self.data = data; self.pos = 0
    def readable(self): return True
    def readinto(self, b):
        calls.append('readinto')
        n = min(len(b), len(self.data) - self.pos)
        b[:n] = self.data[self.pos:self.pos+n]; self.pos += n
        return n
t = io.TextIOWrapper(B(R(b'line1\nline2\n')), encoding='ascii')
print(t.readline(), end='')
print(t.read(), end='')
print(sorted(set(calls)))
class F(io.FileIO):
    pass
f = F(__file__); f.x = 1; print(f.read(6), f.x, type(f).__name__); f.close()
class BW(io.BufferedWriter):
    def write(self, b):
        calls.append('bw.write'); return super().write(b)
bio = io.BytesIO()
w = io.TextIOWrapper(BW(bio), encoding='utf-8', write_through=True)
w.write('abc'); w.flush()
print(bio.getvalue(), calls[-1])
try:
    F(__file__, 'rt')
except ValueError as e:
    print(e)
print(repr(F(__file__)).split(' name=')[0])


class RW(io.BufferedRandom):
    def seekable(self):
        calls.append('seekable')
        return super().seekable()


rw = RW(io.BytesIO(b'0123456789'))
rw.extra = 'e'
rw.seek(4)
print(rw.read(3), rw.tell(), rw.extra, isinstance(rw, io.BufferedIOBase))
pair = type('P', (io.BufferedRWPair,), {})(io.BytesIO(b'in'), io.BytesIO())
pair.tag = 1
print(pair.read(), pair.tag)
print(repr(B(io.BytesIO())), repr(RW(io.BytesIO())))

# close() calls flush() through the object (an instance attribute or a subclass's method)
b = io.BufferedWriter(io.BytesIO())


def bad_flush():
    raise OSError('flush failed')


b.flush = bad_flush
try:
    b.close()
except OSError as e:
    print('close:', e, b.closed, sorted(b.__dict__))


class T(io.TextIOWrapper):
    def flush(self):
        print('T.flush')
        super().flush()


t = T(io.BytesIO(), encoding='ascii')
t.write('x')
t.close()
print(t.closed)

# _CHUNK_SIZE and __dict__ of text files
t = io.TextIOWrapper(io.BytesIO(b'abc\ndef\n'), encoding='ascii')
print(t._CHUNK_SIZE)
t._CHUNK_SIZE = 2
print(t._CHUNK_SIZE, repr(t.readline()), t.__dict__)
for bad in (0, -1, 'x'):
    try:
        t._CHUNK_SIZE = bad
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
t.note = 'n'
print(t.__dict__)
