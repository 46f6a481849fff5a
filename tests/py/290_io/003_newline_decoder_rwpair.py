# io.IncrementalNewlineDecoder (universal newlines over an incremental decoder) and io.BufferedRWPair
import io, codecs

d = io.IncrementalNewlineDecoder(None, translate=True)
out = [d.decode(s) for s in ("a\r", "\nb\r", "c\r\n", "d\n", "\r")]
print(out, repr(d.decode("", final=True)), d.newlines)
print(d.getstate())
d.reset()
print(d.newlines, d.decode("x\r"), d.getstate())

d = io.IncrementalNewlineDecoder(codecs.getincrementaldecoder("utf-8")(), translate=False)
data = "é\r\nü\rz\n".encode()
print([d.decode(data[i:i + 1]) for i in range(len(data))], d.newlines)
d2 = io.IncrementalNewlineDecoder(codecs.getincrementaldecoder("utf-8")(), translate=True)
print(repr(d2.decode(b"\xc3")), d2.getstate())
print(repr(d2.decode(b"\xa9\r")), d2.getstate())
d2.setstate((b"", 1))
print(repr(d2.decode(b"\n", final=True)), repr(d2.newlines))
try:
    d2.decode(b"\xff", final=True)
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e)
try:
    io.IncrementalNewlineDecoder(None, False).decode(b"x")
except TypeError as e:
    print("TypeError", e)

class R(io.RawIOBase):
    def __init__(self, data):
        self.data = data
    def readable(self):
        return True
    def readinto(self, b):
        n = min(len(b), len(self.data))
        b[:n] = self.data[:n]
        self.data = self.data[n:]
        return n

class W(io.RawIOBase):
    def __init__(self):
        self.got = b""
    def writable(self):
        return True
    def write(self, b):
        self.got += bytes(b)
        return len(b)

w = W()
p = io.BufferedRWPair(R(b"request\nbody"), w)
print(isinstance(p, io.BufferedIOBase), p.readable(), p.writable(), p.closed)
print(p.readline(), p.peek(1)[:1], p.read())
p.write(b"response")
print(w.got)
p.flush()
print(w.got)
p.close()
print(p.closed)
