# TextIOWrapper.newlines: the line endings read with newline=None or '', across chunk boundaries, reset by seek(0)
import io

data = b'a\r\nb\rc\nd\r'
for nl in (None, '', '\n', '\r', '\r\n'):
    t = io.TextIOWrapper(io.BytesIO(data), encoding='ascii', newline=nl)
    print(repr(nl), t.newlines, end=' ')
    lines = []
    while True:
        line = t.readline()
        if not line:
            break
        lines.append(line)
        print(t.newlines, end=' ')
    print(lines)

# a '\r\n' split between two chunks counts once
t = io.TextIOWrapper(io.BytesIO(b'xy\r\nz'), encoding='ascii')
t._CHUNK_SIZE = 3
print(repr(t.read()), t.newlines)
t.seek(0)
print(t.newlines, repr(t.read(1)), t.newlines)
w = io.TextIOWrapper(io.BytesIO(), encoding='ascii', newline=None)
w.write('p\r\nq')
print(w.newlines)
