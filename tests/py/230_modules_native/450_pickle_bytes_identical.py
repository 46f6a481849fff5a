# _pickle: dumps output byte for byte as CPython's C pickler, protocols 0-5, plain data, classes, recursion
import pickle, collections, copyreg, sys, zlib

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __eq__(self, other):
        return type(other) is Point and (self.x, self.y) == (other.x, other.y)

class Slotted:
    __slots__ = ('a', 'b')
    def __init__(self):
        self.a = 1
        self.b = [2]

class WithState:
    def __init__(self):
        self.v = 'state'
    def __getstate__(self):
        return {'v': self.v.upper()}
    def __setstate__(self, st):
        self.v = st['v'].lower()

class KwNew:
    def __new__(cls, *, a):
        o = object.__new__(cls)
        o.a = a
        return o
    def __getnewargs_ex__(self):
        return (), {'a': self.a}

class MyList(list):
    pass

class MyDict(dict):
    pass

def func():
    pass

rec_list = [1, 2]
rec_list.append(rec_list)
rec_dict = {'k': 'v'}
rec_dict['self'] = rec_dict
shared = [1, 'two']
rec_tuple_holder = []
rec_tuple = (rec_tuple_holder, 5)
rec_tuple_holder.append(rec_tuple)

corpus = [
    None, True, False, 0, 1, -1, 255, 256, 65535, 65536, -129, 2**31 - 1, 2**31, -2**31, -2**31 - 1,
    2**63, -2**63, 2**64 + 7, 10**40, -(10**40), 2**2100,
    0.0, -0.0, 1.5, 1e300, float('inf'), -float('inf'), 3.141592653589793,
    '', 'a', 'hello world', 'caf\xe9', '\u20ac\U0001f600', 'line\nbreak\\ and \r and \x00 and \x1a', 'x' * 300, '\ud800',
    b'', b'abc', bytes(range(256)), b'z' * 70000, bytearray(b'ba'), bytearray(),
    (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), ((),), tuple(range(10)),
    [], [1], [1, 2], list(range(1000)), list(range(1001)), list(range(2500)),
    {}, {'a': 1}, {'a': 1, 'b': 2}, {i: str(i) for i in range(1000)}, {i: i for i in range(1001)},
    set(), {1, 2, 3}, frozenset(), frozenset({7, 8}), set(range(1000)),
    [shared, shared, (shared, shared)], rec_list, rec_dict, rec_tuple,
    Point(1, 'a'), Slotted(), WithState(), KwNew(a=3), MyList([1, 2]), MyDict(x=1),
    func, len, Point, int, type(None), type(NotImplemented), type(...), collections.OrderedDict(a=1),
    collections.deque([1, 2]), complex(1, 2), range(3, 10, 2), slice(1, 2, 3),
    pickle.Pickler, sys.maxsize, ['\u20ac'] * 3,
]

for proto in range(0, 6):
    total = 0
    for obj in corpus:
        try:
            data = pickle.dumps(obj, proto)
        except Exception as e:
            print(proto, type(obj).__name__, type(e).__name__, e)
            continue
        total += len(data)
        print(proto, type(obj).__name__, data if len(data) < 120 else (len(data), zlib.crc32(data)))
    print('proto', proto, 'total', total)

# round trips (objects without recursion compare equal)
for proto in range(0, 6):
    ok = 0
    for obj in corpus:
        if isinstance(obj, Slotted) and proto < 2:
            continue
        back = pickle.loads(pickle.dumps(obj, proto))
        if obj is rec_list:
            assert back[2] is back
        elif obj is rec_dict:
            assert back['self'] is back
        elif obj is rec_tuple:
            assert back[0][0] is back
        elif isinstance(obj, (Slotted, WithState, KwNew, collections.deque)):
            assert type(back) is type(obj)
        elif obj != obj:
            pass
        else:
            assert back == obj, (proto, obj)
        ok += 1
    print('roundtrip', proto, ok)
s = Slotted()
b = pickle.loads(pickle.dumps(s, 2))
print(b.a, b.b)
w = pickle.loads(pickle.dumps(WithState(), 4))
print(w.v)
k = pickle.loads(pickle.dumps(KwNew(a=9), 2))
print(k.a)
