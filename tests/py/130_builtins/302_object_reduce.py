# object.__reduce_ex__ / __reduce__ / __getstate__: the copyreg protocol for classes, as pickle and copy use it
import copy
import copyreg
import pickle


class Plain:
    def __init__(self):
        self.x = [1, 2]
        self.y = "y"


class Empty:
    pass


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1


class Both(Slotted):
    def __init__(self):
        super().__init__()
        self.c = 3


class NewArgs:
    def __new__(cls, n):
        self = super().__new__(cls)
        self.n = n
        return self

    def __getnewargs__(self):
        return (self.n,)


class NewArgsEx:
    def __new__(cls, *, k):
        self = super().__new__(cls)
        self.k = k
        return self

    def __getnewargs_ex__(self):
        return ((), {"k": self.k})


class State:
    def __init__(self):
        self.v = 5

    def __getstate__(self):
        return {"v": self.v * 10}


class MyList(list):
    pass


class MyDict(dict):
    pass


class MyInt(int):
    pass


def describe(r):
    out = []
    for part in r:
        if callable(part) and hasattr(part, "__name__"):
            out.append(getattr(part, "__module__", "?") + "." + part.__name__)
        elif hasattr(part, "__next__"):
            out.append("<%s>" % type(part).__name__)
        elif isinstance(part, tuple):
            out.append("(" + ", ".join(p.__name__ if isinstance(p, type) else repr(p) for p in part) + ")")
        else:
            out.append(repr(part))
    return ", ".join(out)


for cls in (Plain, Empty, Slotted, Both, MyList, MyDict, State):
    obj = cls()
    for proto in (0, 1, 2, 4):
        try:
            print(cls.__name__, proto, describe(obj.__reduce_ex__(proto)))
        except TypeError as e:
            print(cls.__name__, proto, "TypeError", e)
print("NewArgs", describe(NewArgs(3).__reduce_ex__(2)))
print("NewArgsEx", describe(NewArgsEx(k=4).__reduce_ex__(4)))
print("reduce()", describe(Plain().__reduce__()))
print("getstate", Plain().__getstate__(), Empty().__getstate__(), Slotted().__getstate__(), object().__getstate__())

ml = MyList([1, 2])
ml.tag = "t"
md = MyDict(a=1)
md.tag = "u"
for obj in (Plain(), Slotted(), Both(), NewArgs(7), NewArgsEx(k=8), State(), ml, md, MyInt(5)):
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        try:
            back = pickle.loads(pickle.dumps(obj, proto))
        except TypeError as e:
            print(type(obj).__name__, proto, "TypeError", e)
            continue
        state = {k: getattr(back, k, None) for k in ("x", "a", "b", "c", "n", "k", "v", "tag")}
        print(type(back).__name__, proto, {k: v for k, v in state.items() if v is not None},
              list(back) if isinstance(back, (list, dict)) else "", int(back) if isinstance(back, int) else "")
    c = copy.copy(obj)
    dc = copy.deepcopy(obj)
    print("   copies", type(c).__name__, type(dc).__name__, getattr(c, "x", None) is getattr(obj, "x", None),
          getattr(dc, "x", 0) is getattr(obj, "x", 0))

print(pickle.dumps(Plain(), 0))
print(pickle.dumps(Plain(), 2))
print(pickle.dumps(Slotted(), 2))
print(pickle.dumps(ml, 2))
print(pickle.dumps(NewArgs(3), 2))

print("-- errors")
class BadNewArgs:
    def __getnewargs__(self):
        return [1]
class BadNewArgsEx:
    def __getnewargs_ex__(self):
        return ((), [])
for obj in (BadNewArgs(), BadNewArgsEx()):
    try:
        obj.__reduce_ex__(2)
    except TypeError as e:
        print("TypeError", e)
try:
    object().__reduce_ex__("2")
except TypeError as e:
    print("TypeError", e)
def gen():
    yield 1
g = gen()
for proto in (0, 1, 2, 5):
    try:
        g.__reduce_ex__(proto)
    except TypeError as e:
        print(proto, "TypeError", e)
print(bool(Plain.__flags__ & (1 << 9)), bool(int.__flags__ & (1 << 9)), bool(MyList.__flags__ & (1 << 25)))
print(copyreg._slotnames(Both))

class OnlyReduce:
    def __reduce__(self):
        return (OnlyReduce, ())
print(describe(OnlyReduce().__reduce_ex__(2)), type(pickle.loads(pickle.dumps(OnlyReduce()))).__name__)
print(len.__reduce__(), [].append.__reduce__()[1][1], list.append.__reduce__()[1])
print(pickle.loads(pickle.dumps(len))([1, 2]), pickle.loads(pickle.dumps(list.append)) is list.append)
