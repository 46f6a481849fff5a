# io.TextIOWrapper subclasses: __new__/__init__ split, re-initialisation, __dict__, uninitialised objects, repr, pickling refusal
import io
import pickle


class StdIOBuffer(io.TextIOWrapper):
    # the pattern of test_argparse: other __init__ arguments, super().__init__ later
    def __init__(self, initial_value='', newline='\n'):
        initial_value = initial_value.encode('utf-8')
        super().__init__(io.BufferedWriter(io.BytesIO(initial_value)), 'utf-8', newline=newline)

    def getvalue(self):
        self.flush()
        return self.buffer.raw.getvalue().decode('utf-8')


w = StdIOBuffer()
print(w.write('hello\n'), repr(w.getvalue()))
w.tag = 'x'
print(w.tag, sorted(w.__dict__), isinstance(w, io.TextIOBase))
print(w.encoding, w.line_buffering, w.closed)
print('hi', file=w)
print(repr(w.getvalue()))


class Upper(io.TextIOWrapper):
    def write(self, s):  # print() must call the override
        return super().write(s.upper())


u = Upper(io.BytesIO(), encoding='ascii')
print('quiet', file=u)
u.flush()
print(u.buffer.getvalue())

# the object before __init__ ran
t = io.TextIOWrapper.__new__(io.TextIOWrapper)
for op in ('read', 'write', 'close', 'flush', 'readable', 'detach', 'fileno', '__repr__'):
    try:
        getattr(t, op)(*(('x',) if op == 'write' else ()))
        print(op, 'no error')
    except ValueError as e:
        print(op, 'ValueError', e)
for attr in ('encoding', 'buffer', 'closed', 'name', 'line_buffering'):
    try:
        getattr(t, attr)
        print(attr, 'no error')
    except ValueError as e:
        print(attr, 'ValueError', e)


class NoInit(io.TextIOWrapper):
    def __init__(self):
        pass


try:
    NoInit().write('x')
except ValueError as e:
    print('NoInit', e)

# __init__ again starts over on the new buffer
b1, b2 = io.BytesIO(b'first\n'), io.BytesIO(b'second\n')
r = io.TextIOWrapper(b1)
print(repr(r.readline()))
r.__init__(b2, encoding='latin-1')
print(repr(r.read()), r.encoding, r.buffer is b2)

# repr uses the class name and the name/mode attributes when there are any
print(repr(StdIOBuffer()))
r = io.TextIOWrapper(io.BytesIO(), encoding='utf-8')
r.mode = 'w'
print(repr(r))


class Named(io.TextIOWrapper):
    name = 'named.txt'


print(repr(Named(io.BytesIO(), encoding='ascii')))

# pickling refusal names the type
for obj in (w, r, io.BufferedReader(io.BytesIO()), io.BufferedWriter(io.BytesIO())):
    try:
        pickle.dumps(obj)
    except TypeError as e:
        print(e)
print(io.TextIOWrapper.__module__, io.TextIOWrapper.__name__, StdIOBuffer.__mro__[1].__name__)
