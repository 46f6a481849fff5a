# Built-in static/class methods pickle by reference; their descriptors refuse; struct sequences; memoryview hash
import pickle, time, os

for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    for m, args in ((bytearray.maketrans, (b"abc", b"xyz")), (dict.fromkeys, ("ab", 1)), (str.maketrans, ("ab", "cd"))):
        u = pickle.loads(pickle.dumps(m, proto))
        assert u(*args) == m(*args), (m, proto)
print(bytearray.maketrans.__qualname__, str.maketrans.__qualname__, dict.fromkeys.__qualname__)
print(bytearray.maketrans.__reduce__())
for d in (bytearray.__dict__['maketrans'], dict.__dict__['fromkeys']):
    try:
        pickle.dumps(d)
    except TypeError as e:
        print("TypeError:", e)

t = time.localtime(0)
print(hasattr(t, "__slots__"), hasattr(os.stat("."), "__slots__"))
u = pickle.loads(pickle.dumps(t, 2))
print(u == t, type(u) is type(t), u.tm_zone == t.tm_zone)

m = memoryview(b"abcdef")
h = hash(m)
m.release()
print(hash(m) == h == hash(b"abcdef"))
m = memoryview(b"abcdef")
m.release()
try:
    hash(m)
except ValueError as e:
    print("ValueError:", e)
