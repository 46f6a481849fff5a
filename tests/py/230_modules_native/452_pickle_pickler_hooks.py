# _pickle: Pickler/Unpickler subclasses, persistent ids, dispatch_table, reducer_override, buffers, memo proxies, fast mode
import pickle, io, copyreg, _pickle, re

print(pickle.Pickler is _pickle.Pickler, pickle.Unpickler is _pickle.Unpickler, pickle.PickleBuffer is _pickle.PickleBuffer)
print(issubclass(_pickle.PicklingError, _pickle.PickleError), issubclass(_pickle.UnpicklingError, Exception))

class Ref:
    def __init__(self, key):
        self.key = key

class PP(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Ref):
            return ('ref', obj.key)
        return None

class UP(pickle.Unpickler):
    def persistent_load(self, pid):
        return 'loaded:%r' % (pid,)

for proto in range(6):
    f = io.BytesIO()
    PP(f, proto).dump([Ref(1), 'x', Ref('k')])
    print(proto, f.getvalue())
    f.seek(0)
    print(UP(f).load())

# protocol 0 persistent ids must be ASCII strings
class PP0(pickle.Pickler):
    def persistent_id(self, obj):
        return 'id\xe9' if obj == 1 else None
try:
    PP0(io.BytesIO(), 0).dump([1])
except pickle.PicklingError as e:
    print('PicklingError', e)

# persistent_id set on an instance
f = io.BytesIO()
p = pickle.Pickler(f, 2)
p.persistent_id = lambda o: 'P' if o == 42 else None
p.dump([42, 43])
print(f.getvalue())
u = pickle.Unpickler(io.BytesIO(f.getvalue()))
u.persistent_load = lambda pid: ('got', pid)
print(u.load())

# dispatch_table on the instance and on the class
class Thing:
    def __init__(self, v):
        self.v = v
def reduce_thing(t):
    return (Thing, (t.v * 10,))
f = io.BytesIO()
p = pickle.Pickler(f, 3)
p.dispatch_table = copyreg.dispatch_table.copy()
p.dispatch_table[Thing] = reduce_thing
p.dump(Thing(4))
print(f.getvalue(), pickle.loads(f.getvalue()).v)
class DP(pickle.Pickler):
    dispatch_table = {Thing: lambda t: (str, ('thing%d' % t.v,))}
f = io.BytesIO()
DP(f, 4).dump([Thing(1)])
print(pickle.loads(f.getvalue()))

# reducer_override
class RO(pickle.Pickler):
    def reducer_override(self, obj):
        if obj is Thing:
            return (str, ('the Thing class',))
        if isinstance(obj, int) and obj == 7:
            return (int, ('8',))
        return NotImplemented
f = io.BytesIO()
RO(f, 4).dump([Thing, 7, 'ok'])
print(pickle.loads(f.getvalue()))

# out-of-band buffers
data = bytearray(b'abcdef')
buffers = []
s = pickle.dumps([pickle.PickleBuffer(data), pickle.PickleBuffer(b'ro')], 5, buffer_callback=buffers.append)
print(s, len(buffers))
back = pickle.loads(s, buffers=buffers)
print([bytes(b) for b in back], [type(b).__name__ for b in back])
print(pickle.dumps(pickle.PickleBuffer(b'inband'), 5))
print(pickle.dumps(pickle.PickleBuffer(bytearray(b'inband')), 5))
try:
    pickle.dumps(pickle.PickleBuffer(b'x'), 4)
except pickle.PicklingError as e:
    print('PicklingError', e)
try:
    pickle.dumps(1, 4, buffer_callback=print)
except ValueError as e:
    print('ValueError', e)
pb = pickle.PickleBuffer(b'raw bytes')
m = pb.raw()
print(m.format, m.nbytes, bytes(m), bytes(memoryview(pb)))
pb.release()
try:
    pb.raw()
except ValueError as e:
    print('ValueError', e)

# memo proxies
p = pickle.Pickler(io.BytesIO(), 2)
p.dump(['a', 'b'])
memo = p.memo.copy()
print(len(memo), sorted(v[0] for v in memo.values()))
p.clear_memo()
print(len(p.memo.copy()))
u = pickle.Unpickler(io.BytesIO(pickle.dumps(['x', ('y',)], 2)))
u.load()
print(sorted(u.memo.copy().items()))

# memo across dumps with one pickler
f = io.BytesIO()
p = pickle.Pickler(f, 2)
shared = ['shared']
p.dump(shared)
p.dump(shared)
print(f.getvalue())

# fast mode: no memo
f = io.BytesIO()
p = pickle.Pickler(f, 2)
p.fast = True
p.dump([shared, shared])
print(f.getvalue(), p.fast, p.bin)

# errors
class NotInit(pickle.Pickler):
    def __init__(self):
        pass
try:
    NotInit().dump(1)
except pickle.PicklingError as e:
    print('PicklingError', e)
try:
    pickle.Pickler(42)
except TypeError as e:
    print('TypeError', e)
try:
    pickle.Unpickler(42)
except TypeError as e:
    print('TypeError', e)
try:
    pickle.dumps(1, 6)
except ValueError as e:
    print('ValueError', e)
print(pickle.dumps(1, -1))
def outer():
    def inner():
        pass
    return inner
for obj in (outer(), lambda: 0):
    try:
        pickle.dumps(obj)
    except Exception as e:
        print(type(e).__name__, re.sub(' at 0x[0-9a-f]+', '', str(e)))
class Unpicklable:
    def __reduce__(self):
        return 42
try:
    pickle.dumps(Unpicklable())
except pickle.PicklingError as e:
    print('PicklingError', e)
class BadTuple:
    def __reduce__(self):
        return (1,)
try:
    pickle.dumps(BadTuple())
except pickle.PicklingError as e:
    print('PicklingError', e)
class BadCallable:
    def __reduce__(self):
        return (1, ())
try:
    pickle.dumps(BadCallable())
except pickle.PicklingError as e:
    print('PicklingError', e)
try:
    pickle.dumps({1: 2}.keys())
except TypeError as e:
    print('TypeError', e)

# find_class overridden
class Restricted(pickle.Unpickler):
    def find_class(self, module, name):
        if module == 'builtins' and name == 'range':
            return range
        raise pickle.UnpicklingError('forbidden %s.%s' % (module, name))
print(Restricted(io.BytesIO(pickle.dumps(range(3)))).load())
try:
    Restricted(io.BytesIO(pickle.dumps(len))).load()
except pickle.UnpicklingError as e:
    print('UnpicklingError', e)
# extension registry
copyreg.add_extension('collections', 'OrderedDict', 240)
try:
    import collections
    s = pickle.dumps(collections.OrderedDict, 2)
    print(s, pickle.loads(s))
finally:
    copyreg.remove_extension('collections', 'OrderedDict', 240)
