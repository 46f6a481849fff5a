# _pickle: frames to a file match dumps, large payloads outside frames, collections inside hooks, bound methods, PickleBuffer views
import pickle, io, gc, zlib

big = {'blob': b'x' * 200000, 'text': 'y' * 100000, 'items': [str(i) * 3 for i in range(30000)]}
for proto in (4, 5):
    s = pickle.dumps(big, proto)
    f = io.BytesIO()
    pickle.dump(big, f, proto)
    print(proto, len(s), zlib.crc32(s), f.getvalue() == s, pickle.loads(s) == big)
    f.seek(0)
    print(pickle.load(f) == big, f.tell() == len(s))

# a file object whose write records the chunks it is given
class Chunks:
    def __init__(self):
        self.sizes = []
        self.parts = []
    def write(self, b):
        self.sizes.append(len(b))
        self.parts.append(bytes(b))
c = Chunks()
pickle.Pickler(c, 4).dump(big)
print(len(c.sizes), b''.join(c.parts) == pickle.dumps(big, 4))

# collections while the pickler and unpickler run Python code
class Collecting(pickle.Pickler):
    def persistent_id(self, obj):
        gc.collect()
        return None
class CollectingU(pickle.Unpickler):
    def find_class(self, module, name):
        gc.collect()
        return super().find_class(module, name)
class Obj:
    def __init__(self, n):
        self.n = n
        self.tag = ['t%d' % n]
objs = [Obj(i) for i in range(50)]
f = io.BytesIO()
Collecting(f, 2).dump(objs)
f.seek(0)
back = CollectingU(f).load()
print([o.n for o in back][-3:], back[7].tag)

# bound methods pickle as getattr(self, name)
class K:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v
    @classmethod
    def make(cls, v):
        return cls(v)
for proto in range(6):
    m = pickle.loads(pickle.dumps(K(proto).get, proto))
    print(proto, m(), pickle.loads(pickle.dumps(K.make, proto))(9).v)
print(pickle.dumps(K.make, 2))

# memoryview of a PickleBuffer views its exporter
b = b'exported'
pb = pickle.PickleBuffer(b)
with memoryview(pb) as m:
    print(m.obj is b, m.readonly, bytes(m))
ba = bytearray(b'rw')
with memoryview(pickle.PickleBuffer(ba)) as m:
    print(m.obj is ba, m.readonly)

# the memo can be handed from one pickler to another
p1 = pickle.Pickler(io.BytesIO(), 2)
shared = ['s']
p1.dump(shared)
f2 = io.BytesIO()
p2 = pickle.Pickler(f2, 2)
p2.memo = p1.memo
p2.dump(shared)
print(f2.getvalue())
u = pickle.Unpickler(io.BytesIO(b'\x80\x02X\x01\x00\x00\x00aq\x00.h\x00.'))
print(u.load(), u.load(), len(u.memo.copy()))
