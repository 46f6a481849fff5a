# list/tuple/set/dict/sum/min/max/any/all/sorted/str.join over generators, Python iterators and Python keys: results and errors as CPython
import sys


def gen(*xs):
    for x in xs:
        yield x


class It:
    def __init__(self, *xs):
        self.xs = list(xs)

    def __iter__(self):
        return self

    def __next__(self):
        if not self.xs:
            raise StopIteration
        return self.xs.pop(0)


class Seq:
    # __iter__ is a generator function
    def __init__(self, *xs):
        self.xs = xs

    def __iter__(self):
        yield from self.xs


class BadIter:
    def __iter__(self):
        return 42


class Boom:
    def __init__(self, n, exc):
        self.n = n
        self.exc = exc

    def __iter__(self):
        for i in range(self.n):
            yield i
        raise self.exc


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "=", r)


show("list gen", lambda: list(gen(1, 2, 3)))
show("list It", lambda: list(It("a", "b")))
show("list Seq", lambda: list(Seq(1, 2)))
show("list empty gen", lambda: list(gen()))
show("list bad iter", lambda: list(BadIter()))
show("list boom", lambda: list(Boom(2, KeyError("k"))))
show("list stopiter in gen", lambda: list(Boom(2, StopIteration("s"))))
show("tuple gen", lambda: tuple(gen(1, 2)))
show("tuple It", lambda: tuple(It()))
show("set gen", lambda: sorted(set(gen(3, 1, 3))))
show("set unhashable", lambda: set(gen(1, [2])))
show("frozenset It", lambda: sorted(frozenset(It(2, 2, 1))))
show("dict gen pairs", lambda: dict(gen((1, 2), [3, 4], "ab")))
show("dict gen len3", lambda: dict(gen((1, 2), (1, 2, 3))))
show("dict gen not seq", lambda: dict(gen((1, 2), 5)))
show("dict gen len1", lambda: dict(gen("x")))
show("dict gen of gens", lambda: dict(gen(gen(1, 2), gen(3, 4))))
show("sum gen", lambda: sum(gen(1, 2, 3)))
show("sum gen start", lambda: sum(gen(1, 2), 10))
show("sum gen floats", lambda: sum(gen(0.1, 0.2, 0.3)))
show("sum gen mixed", lambda: sum(gen(1, 2.5, True, 2**70)))
show("sum gen lists", lambda: sum(gen([1], [2]), []))
show("sum gen bad", lambda: sum(gen(1, "a")))
show("sum start str", lambda: sum(gen("a"), ""))
show("sum start kw", lambda: sum(It(1, 2), start=5))
show("sum big", lambda: sum(gen(2**62, 2**62, 2**62)))
show("min gen", lambda: min(gen(3, 1, 2)))
show("max It", lambda: max(It(3, 9, 2)))
show("min empty", lambda: min(gen()))
show("max empty", lambda: max(It()))
show("min empty default", lambda: min(gen(), default="d"))
show("max key", lambda: max(["aa", "b", "ccc", "dd"], key=lambda s: len(s)))
show("min key ties", lambda: min([(1, "a"), (0, "b"), (0, "c")], key=lambda t: t[0]))
show("max key ties", lambda: max(gen((1, "a"), (1, "b"), (0, "c")), key=lambda t: t[0]))
show("max args key", lambda: max(1, 5, 3, key=lambda x: -x))
show("max default args", lambda: max(1, 2, default=0))
show("max no args", lambda: max())
show("max bad kw", lambda: max(gen(1), foo=1))
show("min key raises", lambda: min(gen(1, 2), key=lambda x: 1 / (x - 2)))
show("max uncomparable", lambda: max(gen(1, "a")))
show("any gen", lambda: any(gen(0, "", 3)))
show("any empty", lambda: any(gen()))
show("all gen", lambda: all(It(1, 0, 1)))
show("all gen true", lambda: all(gen(1, 2)))
show("any stops early", lambda: (lambda g: (any(g), list(g)))(gen(0, 1, 2, 3)))
show("all stops early", lambda: (lambda g: (all(g), list(g)))(gen(1, 0, 2, 3)))
show("sorted gen", lambda: sorted(gen(3, 1, 2)))
show("sorted gen reverse", lambda: sorted(gen(3, 1, 2), reverse=True))
show("sorted key stable", lambda: sorted(["bb", "a", "cc", "d", "ee"], key=lambda s: len(s)))
show("sorted key stable reverse", lambda: sorted(["bb", "a", "cc", "d", "ee"], key=lambda s: len(s), reverse=True))
calls = []
show("sorted key once each", lambda: (sorted(gen(3, 1, 2, 1), key=lambda x: calls.append(x) or -x), calls))
show("sorted key raises", lambda: sorted([1, 2, 0], key=lambda x: 1 / x))
show("sorted uncomparable keys", lambda: sorted([1, 2], key=lambda x: [None, "a"][x - 1]))
show("sorted bad reverse", lambda: sorted(gen(1), reverse="x"))
show("sorted two args", lambda: sorted(gen(1), None))
show("sorted bad kw", lambda: sorted(gen(1), cmp=None))
show("sorted It key None", lambda: sorted(It(2, 1), key=None))
show("join gen", lambda: "-".join(gen("a", "b", "c")))
show("join It", lambda: ", ".join(It("x", "y")))
show("join empty", lambda: "-".join(gen()))
show("join bad item", lambda: "-".join(gen("a", 1)))
show("join bad iter", lambda: "-".join(BadIter()))
show("join bound", lambda: (lambda j: j(gen("p", "q")))("+".join))
show("join unbound", lambda: str.join("/", gen("u", "v")))
show("join bytes item", lambda: "".join(gen("a", b"b")))
show("list gen raises midway", lambda: list(1 // x for x in gen(1, 0)))
show("nested", lambda: sorted(sum(gen(i, i)) for i in gen(3, 1, 2)))
show("list of list(gen)", lambda: list(list(gen(i)) for i in It(1, 2)))


class Key:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return self.v < other.v

    def __repr__(self):
        return "Key(%r)" % self.v


show("sorted key objects", lambda: sorted(gen(3, 1, 2), key=Key))
show("min key class", lambda: min(It(3, 1, 2), key=Key))
g = gen(1, 2, 3)
next(g)
show("list partially consumed", lambda: list(g))
show("list exhausted", lambda: list(g))
