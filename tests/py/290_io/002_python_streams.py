# user subclasses of io.RawIOBase / BufferedIOBase / IOBase: the native defaults, and native buffers and text over them
import io

class Raw(io.RawIOBase):
    def __init__(self, data):
        self.data = data
        self.pos = 0
        self.calls = 0
    def readable(self):
        return True
    def readinto(self, b):
        self.calls += 1
        n = min(len(b), 5, len(self.data) - self.pos)
        b[:n] = self.data[self.pos:self.pos + n]
        self.pos += n
        return n

r = Raw(b"hello world\nsecond line\nthird")
print(r.read(4), r.read(), r.read())
r = Raw(b"abc\ndef\n")
print(r.readall(), r.closed, r.readable(), r.writable(), r.seekable())
r = Raw(b"abc\ndef\ngh")
print(r.readline(), list(r))
r.close()
print(r.closed)
try:
    r.read(1)
except ValueError as e:
    print("ValueError", e)
try:
    iter(r)
except ValueError as e:
    print("ValueError", e)

br = io.BufferedReader(Raw(b"line one\nline two\nline three\n" * 3), 16)
print(isinstance(br, io.BufferedIOBase), br.readable())
print(br.readline(), br.peek(1)[:1], br.read(5), br.read1(3))
print(br.readlines())
print(br.read(), br.raw.calls > 0)
br.close()
print(br.closed, br.raw.closed)

t = io.TextIOWrapper(io.BufferedReader(Raw("héllo\r\nwörld\rlast\n".encode())), encoding="utf-8")
print(repr(t.read()))
t = io.TextIOWrapper(io.BufferedReader(Raw(b"a\r\nb\n")), encoding="utf-8", newline="")
print(list(t))

class Sink(io.RawIOBase):
    def __init__(self):
        self.chunks = []
    def writable(self):
        return True
    def write(self, b):
        self.chunks.append(bytes(b[:7]))
        return min(len(b), 7)

s = Sink()
bw = io.BufferedWriter(s, 8)
bw.write(b"0123456789abcdef")
bw.write(b"xy")
print(s.chunks)
bw.flush()
print(s.chunks)
tw = io.TextIOWrapper(io.BufferedWriter(Sink()), encoding="utf-8")
tw.write("text\n")
tw.flush()
print(tw.buffer.raw.chunks)
try:
    io.BufferedWriter(Raw(b""))
except io.UnsupportedOperation as e:
    print("UnsupportedOperation", e)
try:
    io.BufferedReader(Sink())
except OSError as e:
    print(type(e).__name__, e)

class Chunks(io.BufferedIOBase):
    def __init__(self, data):
        self.data = data
    def readable(self):
        return True
    def read(self, n=-1):
        if n is None or n < 0:
            n = len(self.data)
        out, self.data = self.data[:n], self.data[n:]
        return out
    read1 = read

c = Chunks(b"0123456789")
buf = bytearray(4)
print(c.readinto(buf), buf, c.readinto1(memoryview(buf)), buf)
print(c.readline(), c.read())
t = io.TextIOWrapper(Chunks(b"x\ny\n"), encoding="ascii")
print(t.readlines(), t.buffer.__class__.__name__)
try:
    Chunks(b"").write(b"x")
except io.UnsupportedOperation as e:
    print("UnsupportedOperation", e)

class Lines(io.IOBase):
    def __init__(self):
        self.out = []
    def write(self, s):
        self.out.append(s)

with Lines() as l:
    l.writelines(["a", "b", "c"])
print(l.out, l.closed)
try:
    l.flush()
except ValueError as e:
    print("ValueError", e)
try:
    Lines().seek(0)
except io.UnsupportedOperation as e:
    print("UnsupportedOperation", e)
try:
    Lines().tell()
except io.UnsupportedOperation as e:
    print("UnsupportedOperation", e)
try:
    Lines()._checkReadable()
except io.UnsupportedOperation as e:
    print("UnsupportedOperation", e)
print(Lines().isatty(), Lines().fileno.__name__)
try:
    io.RawIOBase().read(1)
except NotImplementedError as e:
    print("NotImplementedError", repr(e))
