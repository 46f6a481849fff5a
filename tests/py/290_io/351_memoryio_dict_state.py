# io.StringIO / io.BytesIO: instance __dict__, __getstate__/__setstate__ with their checks, newlines, pickling and copying of subclasses
import copy
import io
import pickle

s = io.StringIO('abc')
s.foo = 1
print(s.__dict__, s.__getstate__())
b = io.BytesIO(b'abc')
b.foo = 2
b.read(1)
print(b.__dict__, b.__getstate__())
print(io.StringIO().__getstate__(), io.BytesIO().__getstate__())

for nl in (None, '', '\n', '\r', '\r\n'):
    m = io.StringIO('a\r\nb\rc\nd', newline=nl)
    m.read(2)
    st = m.__getstate__()
    print(repr(nl), st, m.newlines)
    n = io.StringIO()
    n.__setstate__(st)
    print('  ', repr(n.getvalue()), n.tell(), repr(n.readline()), n.newlines)

m = io.StringIO(newline=None)
m.write('a\r')
m.write('\nb')
print(repr(m.getvalue()), m.newlines)
m = io.StringIO(newline='')
m.write('x\r\ny\rz')
print(m.newlines)
print(io.StringIO('a\nb').newlines, io.StringIO('a\nb', newline=None).newlines)

bad_states = [('a', None, 0), ['a', None, 0, None], (1, None, 0, None), ('a', 1, 0, None),
              ('a', 'x', 0, None), ('a', None, 1.0, None), ('a', None, -1, None), ('a', None, 0, 1)]
for st in bad_states:
    try:
        io.StringIO().__setstate__(st)
        print('ok', st)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
for st in [(b'a', 0), (b'a', 0.0, None), (b'a', -1, None), (b'a', 0, [])]:
    try:
        io.BytesIO().__setstate__(st)
        print('ok', st)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

s = io.StringIO()
s.__setstate__(('hello', None, 3, {'k': 'v'}))
print(s.k, s.tell(), s.read())
s.__setstate__(('again', '\n', 0, {'k2': 1}))
print(sorted(s.__dict__))

s = io.StringIO.__new__(io.StringIO)
for f in (s.__getstate__, s.read, s.getvalue):
    try:
        f()
    except ValueError as e:
        print(e)
c = io.StringIO()
c.close()
for f in (c.__getstate__, lambda: c.writelines([]), lambda: c.newlines):
    try:
        f()
    except ValueError as e:
        print(e)
c = io.BytesIO()
c.close()
try:
    c.writelines([])
except ValueError as e:
    print(e)


class MyStringIO(io.StringIO):
    def __init__(self, *args, **kw):
        self.extra = kw.pop('extra', None)
        super().__init__(*args, **kw)


class MyBytesIO(io.BytesIO):
    pass


ms = MyStringIO('text\r\nmore', newline=None, extra=[1, 2])
ms.read(3)
for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):  # 0 and 1 fail in CPython too
    x = pickle.loads(pickle.dumps(ms, proto))
    print(proto, type(x).__name__, x.extra, x.tell(), repr(x.read()), x.newlines)
mb = MyBytesIO(b'bytes')
mb.attr = 'a'
mb.seek(2)
y = copy.deepcopy(mb)
print(type(y).__name__, y.attr, y.read())
p = pickle.loads(pickle.dumps(io.StringIO('plain'), 2))
print(type(p).__name__, p.getvalue())
for cls, st in ((io.StringIO, ('closed', '', 0, None)), (io.BytesIO, (b'closed', 0, None))):
    m = cls()
    m.close()
    try:
        m.__setstate__(st)
    except ValueError as e:
        print(cls.__name__, e)
