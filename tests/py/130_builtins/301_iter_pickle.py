# pickle (every protocol, protocol 0 bytes), copy.copy and copy.deepcopy of built-in iterators
import copy
import itertools
import pickle


class Seq:
    def __getitem__(self, i):
        if i < 4:
            return i * 10
        raise IndexError(i)

    def __reduce__(self):
        return (Seq, ())


class Seq2:
    def __len__(self):
        return 4

    def __getitem__(self, i):
        return i

    def __reduce__(self):
        return (Seq2, ())


d = {"a": 1, "b": 2, "c": 3}
makers = [
    ("range", lambda: iter(range(3, 20, 3))),
    ("long range", lambda: iter(range(2**70, 2**70 + 10, 3))),
    ("reversed range", lambda: reversed(range(10))),
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
    ("reversed dict values", lambda: reversed(d.values())),
    ("set", lambda: iter({1, 2, 3})),
    ("enumerate", lambda: enumerate("abc", 5)),
    ("zip", lambda: zip("abc", [1, 2, 3])),
    ("zip strict", lambda: zip("abc", [1, 2, 3], strict=True)),
    ("map", lambda: map(abs, [-1, 2, -3])),
    ("filter", lambda: filter(None, [0, 1, 2, 0, 3])),
    ("reversed seq", lambda: reversed(Seq2())),
    ("seq iterator", lambda: iter(Seq())),
    ("count", lambda: itertools.count(3, 2)),
    ("cycle", lambda: itertools.cycle("ab")),
    ("repeat", lambda: itertools.repeat(7, 4)),
    ("chain", lambda: itertools.chain("ab", "cd")),
    ("islice", lambda: itertools.islice("abcdef", 1, 5, 2)),
    ("accumulate", lambda: itertools.accumulate([1, 2, 3])),
    ("compress", lambda: itertools.compress("abc", [1, 0, 1])),
    ("dropwhile", lambda: itertools.dropwhile(bool, [1, 0, 2])),
    ("takewhile", lambda: itertools.takewhile(bool, [1, 1, 0])),
    ("starmap", lambda: itertools.starmap(pow, [(2, 3), (3, 2)])),
    ("zip_longest", lambda: itertools.zip_longest("ab", "c", fillvalue=0)),
    ("permutations", lambda: itertools.permutations("abc", 2)),
    ("combinations", lambda: itertools.combinations("abc", 2)),
    ("cwr", lambda: itertools.combinations_with_replacement("ab", 2)),
    ("product", lambda: itertools.product("ab", "cd")),
]


def first(it, n=8):
    return list(itertools.islice(it, n))


for name, make in makers:
    for advance in (0, 1, 99):
        it = make()
        for _ in range(min(advance, 20)):
            if next(it, StopIteration) is StopIteration:
                break
        print(name, advance, pickle.dumps(it, 0))
        results = set()
        for proto in range(pickle.HIGHEST_PROTOCOL + 1):
            results.add(repr(first(pickle.loads(pickle.dumps(it, proto)))))
        print("   ", " | ".join(sorted(results)))
        c = copy.copy(it)
        print("    copy", first(c), first(it, 2))
        it = make()
        next(it, None)
        c = copy.deepcopy(it)
        print("    deepcopy", first(c), first(it))

print("-- not picklable")
def gen():
    yield 1
for obj in [gen(), itertools.pairwise("abc"), iter(lambda: 1, 2)]:
    for proto in (0, 2, 5):
        try:
            pickle.dumps(obj, proto)
            print(proto, "pickled")
        except (TypeError, pickle.PicklingError, AttributeError) as e:
            print(proto, type(e).__name__, e if isinstance(e, TypeError) else "")
    try:
        copy.copy(obj)
        print("copied")
    except TypeError as e:
        print("copy", type(e).__name__, e)
