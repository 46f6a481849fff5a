# match statements: every pattern kind, guards, fallthrough, bindings
import collections
import collections.abc


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Color:
    RED = "red"
    GREEN = "green"


def describe(v):
    match v:
        case None:
            return "none"
        case True:
            return "true"
        case False:
            return "false"
        case 0:
            return "zero"
        case -1:
            return "minus one"
        case 1 + 2j:
            return "complex"
        case -3 - 4j:
            return "neg complex"
        case 2.5:
            return "float"
        case "hello" "!":
            return "greeting"
        case b"raw":
            return "bytes"
        case Color.RED:
            return "red color"
        case []:
            return "empty seq"
        case [x]:
            return f"one {x!r}"
        case [1, *rest] if len(rest) > 2:
            return f"starts with 1, long rest {rest}"
        case [first, *_, last]:
            return f"first {first!r} last {last!r}"
        case {"kind": "circle", "r": r}:
            return f"circle {r}"
        case {"kind": str(k), **others}:
            return f"kind {k} others {others}"
        case {}:
            return "some mapping"
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=yy):
            return f"on y axis at {yy}"
        case Point(xx, 0) | Point(0, xx):
            return f"on an axis at {xx}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point():
            return "a point"
        case int(n) | float(n) if n > 100:
            return f"big number {n}"
        case int() as n:
            return f"int {n}"
        case str() | bytes():
            return f"string {v!r}"
        case (1 | 2 | 3) as small:
            return f"small {small}"
        case _:
            return "something else"


values = [None, True, False, 0, 0.0, -1, 1 + 2j, -3 - 4j, 2.5, "hello!", b"raw", "red", Color.GREEN,
          [], (), [5], ("a",), [1, 2, 3, 4], [1, 2], (7, 8, 9), range(3), "abc",
          {"kind": "circle", "r": 2}, {"kind": "square", "side": 3}, {"a": 1}, {},
          collections.OrderedDict(kind="line", n=1), Point(0, 0), Point(0, 5), Point(3, 0),
          Point(4, 4), Point(1, 2), 1000, 250.5, 7, 12.5, b"xyz", bytearray(b"q"), object]
for v in values:
    print(repr(v) if not isinstance(v, (Point, type)) else type(v).__name__, "->", describe(v))


# Subject tuples and star patterns
def seq(v):
    match v:
        case (a, b, *c):
            return a, b, c
        case [*c, "end"]:
            return "ends", c
        case _:
            return "no"


print(seq((1, 2)), seq([1, 2, 3, 4]), seq(["end"]), seq([1]), seq("xy"), seq(collections.deque([9, 8, 7])))

match 1, 2:
    case (x, y):
        print("tuple subject", x, y)

match *[1, 2], 3:
    case [1, *mid, 3]:
        print("star subject", mid)

# Bindings survive the match, even in failed alternatives' earlier cases
match [10, 20]:
    case [a, 30]:
        print("no")
    case [b, c]:
        print("bound", b, c)
print("a bound after failed case:", "a" in globals())

# Or-patterns binding the same names in different orders
for v in [(1, "x"), ("x", 2), [3, "x"]]:
    match v:
        case (int(n), str(s)) | (str(s), int(n)) | [s, n]:
            print("or-bind", n, s)


# Class patterns with built-ins matching themselves
for v in [5, True, 3.5, "s", b"b", [1], (2,), {"k": 1}, {3}, frozenset([4]), bytearray(b"z")]:
    match v:
        case bool(x):
            print("bool", x)
        case int(x):
            print("int", x)
        case float(x):
            print("float", x)
        case str(x) | bytes(x) | bytearray(x):
            print("str-like", x)
        case list(x) | tuple(x):
            print("seq", x)
        case dict(x):
            print("dict", x)
        case set(x) | frozenset(x):
            print("set", x)


class MyInt(int):
    pass


match MyInt(6):
    case MyInt(v):
        print("subclass matches self:", repr(v))


# Mapping patterns use the mapping's get()
class Lookup(collections.abc.Mapping):
    def __init__(self, d):
        self.d = d

    def __getitem__(self, k):
        print("getitem", k)
        return self.d[k]

    def __iter__(self):
        return iter(self.d)

    def __len__(self):
        return len(self.d)

    def get(self, k, default=None):
        print("get", k)
        return self.d.get(k, default)


match Lookup({"a": 1, "b": 2, "c": 3}):
    case {"a": 1, "b": bb, **rest}:
        print("custom mapping", bb, rest)


# Registered sequences and mappings
class Seq:
    def __len__(self):
        return 2

    def __getitem__(self, i):
        if i >= 2:
            raise IndexError(i)
        return i * 10


match Seq():
    case [a, b]:
        print("unregistered", a, b)
    case _:
        print("unregistered Seq is not a sequence")
collections.abc.Sequence.register(Seq)
match Seq():
    case [a, b]:
        print("registered", a, b)

# Value patterns compare with ==, singletons with is
match 1.0:
    case 1:
        print("1.0 == 1")
match 1:
    case True:
        print("no")
    case _:
        print("1 is not True")

# Guards see the bindings and fall through when false
for v in range(4):
    match v:
        case n if n % 2:
            print(v, "odd")
        case n:
            print(v, "even")

# Nested patterns and as-patterns
match {"points": [Point(1, 2), Point(3, 4)]}:
    case {"points": [Point(x=x1) as p1, Point(y=y2)]}:
        print("nested", x1, y2, p1.y)

# match and case stay usable as names
match = 3
case = [1, 2]
_ = "underscore"
print(match, case, _)


def match(*a):
    return a


print(match(1, 2), match[0] if False else "ok")
match = {"k": 5}
print(match["k"])
match -1:
    case case:
        print("case captured", case)
