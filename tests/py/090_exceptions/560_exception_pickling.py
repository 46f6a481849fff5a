# Pickling and copying exceptions: __reduce__ (args, own attributes as state), OSError filenames, ImportError name/path, __setstate__
import copy
import pickle

cases = [
    ValueError(1), ValueError(), KeyError("k"), StopIteration(3), SystemExit(2),
    ImportError("x", name="n", path="p"), ModuleNotFoundError("m", name="m"), ImportError("plain"),
    OSError(2, "nf"), OSError(2, "nf", "f"), OSError(18, "cross", "a", None, "b"), OSError("just text"),
    FileNotFoundError(2, "No such file", "/x"), PermissionError(13, "denied"),
    SyntaxError("m", ("f", 1, 2, "t", 1, 3)), UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad"),
    UnicodeEncodeError("ascii", "\xe9", 0, 1, "ordinal"), UnicodeTranslateError("x", 0, 1, "r"),
    NameError("nm", name="v"), AttributeError("at", name="a", obj=None), RecursionError("deep"),
]
for e in cases:
    r = e.__reduce__()
    print(type(e).__name__, r[0].__name__, r[1], r[2:] if len(r) > 2 else "")
    for proto in (0, 2, 4, 5):  # protocols < 3 map ModuleNotFoundError to ImportError (fix_imports)
        data = pickle.dumps(e, proto)
        e2 = pickle.loads(data)
        assert (type(e2) is type(e) or proto < 3) and e2.args == e.args, (e, e2)
    print("   ", repr(e2), "|", str(e2), "|", str(copy.copy(e)) == str(e), repr(copy.deepcopy(e)) == repr(e))
print(pickle.dumps(OSError(2, "nf", "f"), 2))
print(pickle.dumps(ImportError("x", name="n"), 2))

# Own attributes are state; a subclass keeps them.
class AppError(Exception):
    def __init__(self, code, detail="none"):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail
e = AppError(7, "why")
e.extra = [1, 2]
r = e.__reduce__()
print(r[0].__name__, r[1], sorted(r[2].items()))
e2 = pickle.loads(pickle.dumps(e))
print(type(e2).__name__, e2.args, e2.code, e2.detail, e2.extra)

# __setstate__ sets attributes; None is accepted; anything else is not.
e = ValueError("v")
e.__setstate__({"a": 1, "b": 2})
print(e.a, e.b, e.__setstate__(None))
for bad in (1, [("a", 1)]):
    try:
        e.__setstate__(bad)
    except TypeError as err:
        print("TypeError:", err)
try:
    e.__setstate__({1: 2})
except TypeError as err:
    print("TypeError:", err)

# The traceback, cause and context are not pickled.
try:
    try:
        raise KeyError("inner")
    except KeyError as inner:
        raise ValueError("outer") from inner
except ValueError as caught:
    e2 = pickle.loads(pickle.dumps(caught))
    print(e2, e2.__cause__, e2.__context__, e2.__traceback__)
