# io.BytesIO __getstate__/__setstate__: CPython's state tuple and errors; copy and pickle use them
import io, copy, pickle
b = io.BytesIO(b"abc"); b.seek(2)
print(b.__getstate__())
b.__setstate__((b"xyz", 1, None)); print(b.read(), b.tell())
for st in [None, (b"", 0), (b"", "1", None), (b"", -1, None), (b"", 0, 5), ("s", 0, None)]:
    try: b.__setstate__(st)
    except Exception as e: print(type(e).__name__, e)
m = b.getbuffer()
try: b.__setstate__((b"q", 0, None))
except Exception as e: print(type(e).__name__, e)
m.release()
class S(io.BytesIO): pass
s = S(b"hi"); s.x = 5
c = copy.copy(s); print(type(c).__name__, c.getvalue(), c.x)
d = pickle.loads(pickle.dumps(io.BytesIO(b"pp"), protocol=4)); print(d.getvalue())
b.close()
try: b.__getstate__()
except Exception as e: print(type(e).__name__, e)
