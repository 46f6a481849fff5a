# __reduce__ and __setstate__ of the built-in iterators, fresh, part-consumed and exhausted
import itertools


def show(v):
    # Reprs without addresses: iterators inside a reduce value by their type name.
    if isinstance(v, type):
        return "<class %s>" % v.__name__
    if isinstance(v, tuple):
        return "(" + ", ".join(show(x) for x in v) + ("," if len(v) == 1 else "") + ")"
    if isinstance(v, list):
        return "[" + ", ".join(show(x) for x in v) + "]"
    if type(v).__name__ == "function":
        return "<function %s>" % v.__name__
    if hasattr(v, "__next__"):
        return "<%s>" % type(v).__name__
    if type(v).__name__ in ("Seq", "Seq2"):
        return "<%s>" % type(v).__name__
    return repr(v)


class Seq:
    def __getitem__(self, i):
        if i < 4:
            return i * 10
        raise IndexError(i)


class Seq2:
    def __len__(self):
        return 4

    def __getitem__(self, i):
        return i


def f():
    return 1


d = {"a": 1, "b": 2, "c": 3}
makers = [
    ("range", lambda: iter(range(3, 20, 3))),
    ("empty range", lambda: iter(range(5, 2))),
    ("long range", lambda: iter(range(2**70, 2**70 + 10, 3))),
    ("reversed range", lambda: reversed(range(10))),
    ("reversed long range", lambda: reversed(range(-2**65, 2**65, 2**63))),
    ("list", lambda: iter([1, 2, 3])),
    ("reversed list", lambda: reversed([1, 2, 3])),
    ("tuple", lambda: iter((1, 2, 3))),
    ("str", lambda: iter("abc")),
    ("non-ascii str", lambda: iter("a\xe9\u20ac")),
    ("bytes", lambda: iter(b"abc")),
    ("bytearray", lambda: iter(bytearray(b"abc"))),
    ("dict keys", lambda: iter(d)),
    ("dict values", lambda: iter(d.values())),
    ("dict items", lambda: iter(d.items())),
    ("reversed dict", lambda: reversed(d)),
    ("reversed dict items", lambda: reversed(d.items())),
    ("set", lambda: iter({1, 2, 3})),
    ("frozenset", lambda: iter(frozenset({4, 5}))),
    ("enumerate", lambda: enumerate("abc", 5)),
    ("enumerate big start", lambda: enumerate("ab", 2**64)),
    ("zip", lambda: zip("abc", [1, 2, 3])),
    ("zip strict", lambda: zip("abc", [1, 2, 3], strict=True)),
    ("map", lambda: map(abs, [-1, 2, -3])),
    ("map 2", lambda: map(pow, [2, 3], [3, 2])),
    ("filter", lambda: filter(None, [0, 1, 2, 0, 3])),
    ("reversed seq", lambda: reversed(Seq2())),
    ("seq iterator", lambda: iter(Seq())),
    ("callable iterator", lambda: iter(f, 1)),
]
for name, make in makers:
    for advance in (0, 1, 99):
        it = make()
        for _ in range(advance):
            if next(it, StopIteration) is StopIteration:
                break
        r = it.__reduce__()
        print(name, advance, show(r))
        # The reduce value rebuilds an iterator that continues where this one is.
        rebuilt = r[0](*r[1])
        if len(r) > 2:
            rebuilt.__setstate__(r[2])
        print("   ", list(rebuilt), list(it))

print("-- __setstate__ clips the index")
for make, states in [
    (lambda: iter([1, 2, 3]), [-5, 0, 2, 3, 10]),
    (lambda: reversed([1, 2, 3]), [-5, -1, 0, 2, 10]),
    (lambda: iter((1, 2, 3)), [-1, 1, 7]),
    (lambda: iter("a\xe9\u20acz"), [-1, 2, 3, 9]),
    (lambda: iter("abcd"), [-1, 2, 4, 9]),
    (lambda: iter(b"xyz"), [-1, 1, 9]),
    (lambda: iter(range(10, 0, -2)), [-3, 2, 5, 99]),
    (lambda: iter(range(2**70, 2**70 + 5)), [-3, 2, 5, 2**80]),
    (lambda: reversed(Seq2()), [-7, 1, 3, 50]),
    (lambda: iter(Seq()), [-2, 2, 9]),
]:
    for s in states:
        it = make()
        it.__setstate__(s)
        print(type(it).__name__.replace("_ascii", ""), s, list(it))

print("-- bad states")
for it in [iter([1]), reversed([1]), iter((1,)), iter("a"), iter(b"a"), iter(range(3))]:
    for s in ["x", 1.5, 2**100]:
        try:
            it.__setstate__(s)
            print(type(it).__name__, "accepted", s)
        except (TypeError, OverflowError) as e:
            print(type(it).__name__, type(e).__name__, e)

z = zip([1], [2, 3])
z.__setstate__(1)
print(z.__reduce__()[2:], end=" ")
try:
    list(z)
except ValueError as e:
    print("ValueError", e)
z.__setstate__(0)
print(len(z.__reduce__()))

print("-- pairwise has no __reduce__; which types have __setstate__")
try:
    itertools.pairwise("abc").__reduce__()
except TypeError as e:
    print("TypeError", e)
for name in ("enumerate", "zip", "map", "filter", "reversed"):
    print(name, hasattr(getattr(__builtins__, name), "__setstate__"))

print("-- operator.length_hint (a negative default is returned as it is)")
import operator
for it in [enumerate("ab"), iter(f, 1), zip([1]), iter([1, 2]), reversed([1, 2, 3]), iter(range(5)), itertools.repeat(1, 3)]:
    print(type(it).__name__, operator.length_hint(it, -1), operator.length_hint(it, 9), operator.length_hint(it))
