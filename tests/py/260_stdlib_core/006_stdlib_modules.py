# CPython's dataclasses, logging, statistics, pprint, enum, typing, decimal, fractions working together (they need match, _ast, io)
import dataclasses, logging, json, pprint, statistics, typing, enum, fractions, decimal
@dataclasses.dataclass(order=True, frozen=True)
class P:
    x: int
    y: float = 0.5
    tags: list = dataclasses.field(default_factory=list, compare=False)
print(P(1), P(1) < P(2), dataclasses.asdict(P(3, 2.0, ['a'])), hash(P(1)) == hash(P(1)))
try:
    P(1).x = 2
except dataclasses.FrozenInstanceError as e:
    print("frozen:", e)
logging.basicConfig(format="%(levelname)s:%(name)s:%(message)s", level=logging.INFO, stream=__import__('sys').stdout)
logging.getLogger("app").info("hello %d", 42)
print(statistics.mean([1, 2, 3, 4]), statistics.median([3, 1, 2]), statistics.stdev([1, 2, 3, 4]))
pprint.pprint({"b": list(range(30)), "a": {"n": None}}, width=40)
class Color(enum.Flag):
    R = 1; G = 2
print(Color.R | Color.G, typing.get_type_hints(P))
print(decimal.Decimal("1.1") + decimal.Decimal("2.2"), fractions.Fraction(3, 9))
