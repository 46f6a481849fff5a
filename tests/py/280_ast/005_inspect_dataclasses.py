# what `import ast` unblocks: inspect.signature, dataclasses, doctest, inspect.getsource
import inspect, dataclasses, doctest, sys


def f(a, b: int = 2, /, c=None, *args, d, e: "str" = "x", **kw) -> list:
    """Add things.

    >>> f(1, d=2)
    [1, 2]
    """
    return [a, d]


sig = inspect.signature(f)
print(sig)
for p in sig.parameters.values():
    print(" ", p.name, p.kind.name, p.default, p.annotation)
print(sig.return_annotation, sig.bind(1, d=3).arguments)
print(inspect.signature(lambda x, *, y=1: None))
print(inspect.getdoc(f).splitlines()[0], inspect.isfunction(f), inspect.getsource(f).splitlines()[0])


class K:
    def m(self, x, y=3):
        pass
print(inspect.signature(K().m), inspect.signature(K.m), [n for n, _ in inspect.getmembers(K, inspect.isfunction)])


@dataclasses.dataclass(order=True)
class Point:
    x: int
    y: int = 0
    tags: list = dataclasses.field(default_factory=list, compare=False)

    def norm1(self):
        return abs(self.x) + abs(self.y)


p = Point(1, -2)
print(p, p.norm1(), p == Point(1, -2, ["t"]), p < Point(2), sorted([Point(3), Point(1, 5), Point(1, 2)]))
print(dataclasses.asdict(p), dataclasses.astuple(p), [fl.name for fl in dataclasses.fields(Point)])
print(dataclasses.replace(p, y=7), dataclasses.is_dataclass(p), inspect.signature(Point))


@dataclasses.dataclass(frozen=True)
class Frozen:
    name: str
    size: float = 1.0

fr = Frozen("a")
try:
    fr.name = "b"
except dataclasses.FrozenInstanceError as e:
    print("FrozenInstanceError", e)
print(hash(fr) == hash(Frozen("a")), fr)

# doctest finds the docstring example (running it needs sys.gettrace)
for t in doctest.DocTestFinder().find(f):
    print(t.name, [(ex.source, ex.want, ex.lineno) for ex in t.examples])
