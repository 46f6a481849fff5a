# TextIOWrapper over codecs of the registry: utf-8-sig, utf-16/32 (BOMs), cp1252, iso-8859-15, shift_jis, utf-7
import io, os, shutil, tempfile

d = tempfile.mkdtemp()
p = os.path.join(d, 'f.txt')
for enc in ['utf-8-sig', 'utf-16', 'utf-16-le', 'utf-16-be', 'utf-32', 'cp1252', 'iso-8859-15', 'shift_jis',
            'euc_jp', 'utf-7', 'koi8-r', 'mac-roman', 'cp437']:
    if enc in ('shift_jis', 'euc_jp'):
        text = 'h\u3042llo\nw\u3044rld\r\nlast'
    elif enc == 'koi8-r':
        text = 'h\u0436llo\nw\u0434rld\r\nlast'
    elif enc in ('mac-roman', 'cp437'):
        text = 'h\xe9llo\nw\xf6rld\r\nlast'
    else:
        text = 'h\xe9llo \u20ac\nw\xf6rld\r\nlast'
    with open(p, 'w', encoding=enc) as f:
        print(repr(f).replace(p, 'P'), f.encoding)
        f.write(text[:5])
        f.write(text[5:])
    with open(p, 'rb') as f:
        print(enc, f.read())
    with open(p, encoding=enc) as f:
        print(repr(f.read()), f.newlines)
    with open(p, encoding=enc, newline='') as f:
        pos = []
        while True:
            t = f.tell()
            line = f.readline()
            if not line:
                break
            pos.append((t, line))
        print(pos)
        for t, line in reversed(pos):
            f.seek(t)
            assert f.readline() == line, (t, line)
        f.seek(0)
        x = f.read(3)
        t = f.tell()
        y = f.read(4)
        f.seek(t)
        print(x, t, y, f.read(4) == y, f.seek(0, 2))
    with open(p, 'a', encoding=enc) as f:  # no second BOM when appending
        f.write('+more')
    with open(p, 'r+', encoding=enc) as f:
        f.read()
        f.write('!')
        f.seek(0)
        f.write('H')  # at 0 the encoder starts over (a BOM again)
    with open(p, 'rb') as f:
        print(f.read())

# Small chunks: multibyte sequences and BOMs split across reads.
for enc in ['utf-16', 'utf-8-sig', 'shift_jis']:
    data = ('\u3042b\u3044\n' * 5).encode(enc)
    w = io.TextIOWrapper(io.BytesIO(data), encoding=enc)
    w._CHUNK_SIZE = 3
    cookies = []
    while True:
        c = w.tell()
        ch = w.read(1)
        if not ch:
            break
        cookies.append((c, ch))
    print(enc, len(cookies), cookies[:6])
    for c, ch in cookies:
        w.seek(c)
        assert w.read(1) == ch, (c, ch)
    print(w.readlines())

# Errors handlers and bad data.
w = io.TextIOWrapper(io.BytesIO(b'a\x81\x8db\x90'), encoding='cp1252', errors='replace')
print(repr(w.read()))
w = io.TextIOWrapper(io.BytesIO(b'a\x81b'), encoding='cp1252')
try:
    w.read()
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
b = io.BytesIO()
w = io.TextIOWrapper(b, encoding='iso-8859-15', errors='xmlcharrefreplace')
w.write('\u20ac \xa4 \u3042')
w.flush()
print(b.getvalue())
w = io.TextIOWrapper(io.BytesIO(), encoding='cp1252')
try:
    w.write('\u3042')
    w.flush()
except UnicodeEncodeError as e:
    print(type(e).__name__, e)

for enc in ['rot13', 'base64', 'no-such-codec']:
    try:
        open(p, encoding=enc)
    except LookupError as e:
        print(type(e).__name__, e)
    try:
        io.TextIOWrapper(io.BytesIO(), encoding=enc)
    except LookupError as e:
        print(type(e).__name__, e)

# reconfigure between encodings (before the first read, and for writing).
b = io.BytesIO()
w = io.TextIOWrapper(b, encoding='utf-16-be')
w.write('ab')
w.reconfigure(encoding='cp1252')
w.write('\u20ac')
w.reconfigure(encoding='utf-8')
w.write('\u20ac')
w.flush()
print(b.getvalue(), w.encoding, w.errors)
r = io.TextIOWrapper(io.BytesIO('x\xe9\ny\xe9\n'.encode('latin-1')), encoding='latin-1', newline='\n')
print(repr(r.readline()))
try:
    r.reconfigure(encoding='utf-8')
except io.UnsupportedOperation as e:
    print('UnsupportedOperation', e)
r = io.TextIOWrapper(io.BytesIO('\u20ac'.encode('utf-16')), encoding='latin-1')
r.reconfigure(encoding='utf-16', errors='strict')
print(repr(r.read()))

shutil.rmtree(d)
