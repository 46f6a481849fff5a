# Specialized instructions (PEP 659) see their guards fail under hot code and fall back without changing results
import sys

N = 200  # well past the warm-up of every site


def add(a, b):
    return a + b


# One BINARY_OP site: int, then float, then str, then big ints, then back to int.
values = [(i, 1) for i in range(N)] + [(i + 0.5, 0.25) for i in range(N)] + \
    [("s%d" % i, "!") for i in range(N)] + [(2 ** 62 + i, 2 ** 62) for i in range(N)] + [(i, 2) for i in range(N)]
out = []
for a, b in values:
    out.append(add(a, b))
print(out[0], out[N], out[2 * N], out[3 * N], out[4 * N], out[-1])
print(type(out[N - 1]).__name__, type(out[2 * N - 1]).__name__, type(out[3 * N - 1]).__name__, type(out[-1]).__name__)


def arith(x, y):
    return (x - y, x * y, x // y if y else None, x % y if y else None, x & 7 if isinstance(x, int) else None, x / 2)


acc = []
for i in range(N):
    acc.append(arith(i, 3))
acc.append(arith(7, 0))
acc.append(arith(2.5, 0.5))
acc.append(arith(2 ** 40, 2 ** 40))
acc.append(arith(-(2 ** 61), 2))
print(acc[5], acc[-4], acc[-3], acc[-2], acc[-1])


def compare(a, b):
    return a < b, a == b, a != b


res = [compare(i, N // 2) for i in range(N)]
res += [compare(i * 0.5, 3.0) for i in range(N)]
res += [compare("a" * (i % 3), "aa") for i in range(N)]
res += [compare(float("nan"), float("nan")), compare(1, 1.0), compare("x", "x")]
print(res[0], res[N - 1], res[N + 6], res[2 * N + 2], res[-3], res[-2], res[-1])


# Class attributes reassigned mid-loop; a method replaced on the class; __class__ assigned.
class Point:
    scale = 1

    def __init__(self, x):
        self.x = x

    def value(self):
        return self.x * self.scale


class Other:
    scale = 100

    def __init__(self, x):
        self.x = x

    def value(self):
        return -self.x


total = 0
pts = [Point(i) for i in range(N)]
for i, p in enumerate(pts):
    if i == N // 2:
        Point.scale = 3
    if i == 3 * N // 4:
        Point.value = lambda self: 1000
    if i == N - 10:
        p.__class__ = Other
    total += p.value() + p.scale
print(total)


# __slots__ and dict instances at one attribute site.
class Slotted:
    __slots__ = ("x", "y")

    def __init__(self, x):
        self.x = x
        self.y = x + 1


class Plain:
    def __init__(self, x):
        self.x = x
        self.y = x + 2


def getxy(o):
    return o.x + o.y


mixed = [Slotted(i) if (i // 50) % 2 == 0 else Plain(i) for i in range(N * 2)]
print(sum(getxy(o) for o in mixed))
s = Slotted(1)
del s.y
try:
    getxy(s)
except AttributeError as e:
    print("AttributeError", e)


# An instance attribute shadowing a method after warm-up; a class attribute turned property.
class Counter:
    step = 1

    def bump(self):
        return self.step


c = Counter()
got = []
for i in range(N):
    if i == N // 2:
        c.bump = lambda: 99
    if i == 3 * N // 4:
        Counter.step = property(lambda self: 7)
    got.append(c.bump())
print(got[0], got[N // 2], got[-1], Counter().bump())


# Globals and builtins rebound mid-loop.
G = 1


def use_globals(seq):
    return G + len(seq)


r = []
for i in range(N):
    if i == N // 2:
        G = 10
    if i == 3 * N // 4:
        len = lambda x: 42
    r.append(use_globals([1, 2, 3]))
del len
r.append(use_globals([1]))
print(r[0], r[N // 2], r[-2], r[-1])
import builtins
saved = builtins.abs
r = []
for i in range(N):
    if i == N // 2:
        builtins.abs = lambda x: "patched"
    r.append(abs(-1))
builtins.abs = saved
print(r[0], r[-1], abs(-5))
try:
    del G
    use_globals([])
except NameError as e:
    print("NameError", e)


# A list mutated during FOR_ITER; a generator at a site that saw lists; tuples; a big range.
def walk(it):
    n = 0
    for x in it:
        n += x
    return n


lst = list(range(10))
seen = []
for x in lst:
    seen.append(x)
    if x == 3:
        lst.append(100)
    if x == 5:
        del lst[-1]
print(seen)
print([walk(list(range(i))) for i in range(5)] * 0 or walk([1, 2, 3] * 100), walk(x for x in range(10)),
      walk((1, 2, 3)), walk(range(2 ** 62, 2 ** 62 + 3)) - 3 * 2 ** 62, walk({1: 0, 2: 0}))
for i in range(N):
    walk([i])
print(walk(i for i in range(5)), walk(range(4)), walk((4, 5)))


# Subscripts: list, tuple, dict, then out of range, missing keys, a dict subclass, a str.
def item(c, k):
    return c[k]


data = [[1, 2, 3]] * N + [(4, 5, 6)] * N + [{0: "a", 1: "b"}] * N
print([item(d, 1) for d in data][::N])
for c, k in (([1], 5), ((1,), -3), ({}, "k"), ("abc", 1)):
    try:
        print(item(c, k))
    except (IndexError, KeyError) as e:
        print(type(e).__name__, e)


class D(dict):
    def __missing__(self, k):
        return "missing " + str(k)


print(item(D(), 3), item([1, 2, 3], -1), item((1, 2), True))


def setitem(c, k, v):
    c[k] = v


tgt = [0] * 4
for i in range(N):
    setitem(tgt, i % 4, i)
d = {}
for i in range(N):
    setitem(d, i % 5, i)
setitem(d, "x", 1)
try:
    setitem(tgt, 10, 1)
except IndexError as e:
    print("IndexError", e)
print(tgt, d)


# Unpacking: two-tuples, longer tuples, lists, then a wrong length and a generator.
def unpack(seq):
    a, b = seq
    return a - b


vals = [unpack((i, 1)) for i in range(N)] + [unpack([i, 2]) for i in range(N)] + [unpack(iter((5, 1)))]
print(vals[0], vals[N], vals[-1])
try:
    unpack((1, 2, 3))
except ValueError as e:
    print("ValueError", e)


# Calls: exact args, then defaults, keywords, a bound method, a class, a builtin at one site.
def call(f, *a):
    return f(*a)


def one(x):
    return x + 1


def with_default(x, y=10):
    return x + y


def apply1(f, x):
    return f(x)


out = [apply1(one, i) for i in range(N)]
out += [apply1(with_default, 1), apply1(Point(5).value.__func__, Point(2)), apply1(str, 5), apply1(len, "abc")]
out += [apply1(Counter.bump, Counter()), apply1(lambda *a: a, 1)]
print(out[-8:])
m = Point(3).value
print([apply1(lambda x: m(), 0) for _ in range(3)], sys.getrecursionlimit() > 0)
