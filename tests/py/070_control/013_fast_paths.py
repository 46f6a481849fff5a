# fast paths of the loop (in on sets/dicts, truth tests, unpacking, tuple iteration) and types changing under hot code give CPython's results
s = {1, 2, frozenset([3])}
print(1 in s, 5 in s, 5 not in s, {3} in s, frozenset([3]) in s)
d = {"a": 1}
print("a" in d, "b" in d, "b" not in d)
for c, x in ((s, []), (d, []), (frozenset(), {})):
    try:
        x in c
    except TypeError as e:
        print(type(e).__name__, e)
class S(set):
    def __contains__(self, x): return True
print(7 in S())
class K:
    def __hash__(self): raise ValueError("nohash")
try:
    K() in {1}
except ValueError as e:
    print("VE", e)
for v in ([], [0], (), (1,), "", "a", {}, {1: 2}, set(), {0}, frozenset(), 0, 5, None, 0.0, 2.5):
    print(repr(v), bool(v), "T" if v else "F", not v, v or "alt", v and "and")
t = (1, 2, 3)
print([x * 2 for x in t], list(iter(t)))
a, b = [1, 2]; c, d2 = (3, 4); print(a, b, c, d2)
try:
    a, b = (1, 2, 3)
except ValueError as e: print(e)
try:
    a, b = [1]
except ValueError as e: print(e)
a, b = "xy"; print(a, b)
print(set().add(1), set.add.__name__)
try: set().add()
except TypeError as e: print(e)
try: set().add(1, x=2)
except TypeError as e: print(e)
try: frozenset().copy(1)
except TypeError as e: print(e)

class A:
    k = 1
    def __init__(self): self.x = 1
class B:
    k = 2
    __slots__ = ("x",)
    def __init__(self): self.x = 2
def attr_loop():
    out = []
    objs = [A(), A(), B(), A()]
    for i in range(8):
        o = objs[i % 4]
        out.append((o.x, o.k))
        if i == 4:
            A.k = 10
            objs[0].__class__ = type("C", (A,), {"k": 99})
    return out
print(attr_loop())

G = 1
def glob_loop():
    global G
    r = []
    for i in range(6):
        r.append((G, len("ab")))
        if i == 2:
            G = "two"
            import builtins
            builtins.len = lambda s: -1
        if i == 4:
            del builtins.len
            try:
                len("x")
            except NameError as e:
                r.append(str(e))
            builtins.len = orig_len
    return r
import builtins
orig_len = len
print(glob_loop())
print(len("abc"))

def mixed_ops():
    r = []
    for x in (1, 2.5, "s", 1 << 70, True, [1]):
        try:
            r.append(x + x)
        except TypeError as e:
            r.append(str(e))
        r.append(x in {1, 2.5, "s"} if not isinstance(x, list) else "list")
    return r
print(mixed_ops())

class L(list):
    def __bool__(self): return False
class T(tuple):
    def __len__(self): return 0
print(bool(L([1])), "t" if L([1]) else "f", "t" if T((1,)) else "f", not L())
for seq in ([1, 2], (3, 4), L([5, 6]), T((7, 8)), iter([9, 10]), "ab", {1: 2, 3: 4}):
    a, b = seq
    print(a, b, end="; ")
print()
