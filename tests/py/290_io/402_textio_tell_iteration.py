# TextIOWrapper: tell() is disabled while next() iterates, and a decoding error in readline's next chunk loses the partial line
import io, os, tempfile

d = tempfile.mkdtemp()
p = os.path.join(d, 'f.txt')
with open(p, 'w', encoding='utf-16') as f:
    f.write('one\ntwo\nthree\n')
for enc in ['utf-8', 'utf-16']:
    with open(p, 'w', encoding=enc) as f:
        f.write('one\ntwo\nthree\n')
    with open(p, encoding=enc) as f:
        for line in f:
            try:
                f.tell()
            except OSError as e:
                print(repr(line), type(e).__name__, e)
        print('after', f.tell())
        f.seek(0)
        print(f.readline(), f.tell())

with open(p, 'wb') as f:
    f.write(b'A\nB\r\nC\r' + b'123456789\n' * 1000 + b'\x80')
for enc in ['ascii', 'utf-8']:
    with open(p, encoding=enc) as f:
        print(repr(f.readline()), repr(f.readline()), repr(f.readline()))
        try:
            list(f)
        except UnicodeDecodeError as e:
            print(type(e).__name__, e.reason)
        print(repr(f.readline()), repr(f.readline()))
os.remove(p)
os.rmdir(d)
