# comparisons of structures nested 20,000 deep (==, <, in, index, count, sorted, max, sets, dicts, proxies, aliases): RecursionError "in comparison"
N = 20_000

def chain(make, leaf=0, depth=N):
    x = leaf
    for _ in range(depth):
        x = make(x)
    return x

MappingProxy = type(type.__dict__)
# (name, maker, ordered, hashable)
pairs = [
    ("list", lambda leaf: chain(lambda x: [x], leaf), True, False),
    ("tuple", lambda leaf: chain(lambda x: (x,), leaf), True, True),
    ("dict", lambda leaf: chain(lambda x: {"k": x}, leaf), False, False),
    ("frozenset", lambda leaf: chain(lambda x: frozenset([x]), leaf), True, True),
    ("mappingproxy", lambda leaf: chain(MappingProxy, {"k": leaf}), False, False),
    ("generic alias", lambda leaf: chain(lambda x: list[x], int if leaf == 1 else str), False, False),
    ("slice", lambda leaf: chain(slice, leaf), True, False),
]
for name, make, ordered, hashable in pairs:
    a, b, c = make(1), make(1), make(2)
    ops = [
        ("==", lambda: a == b),
        ("!=", lambda: a != c),
        ("in list", lambda: a in [c, b]),
        ("list.index", lambda: [c, b].index(a)),
        ("tuple.count", lambda: (b, c).count(a)),
    ]
    if ordered:
        ops += [
            ("<", lambda: a < c),
            ("sorted", lambda: len(sorted([c, a]))),
            ("max", lambda: max([a, c]) is c),
        ]
    if hashable:
        ops.append(("in set", lambda: a in {b}))
    print(name)
    for label, op in ops:
        try:
            print("   ", label, op())
        except RecursionError as e:
            print("   ", label, "->", e)
        except TypeError as e:
            print("   ", label, "-> TypeError", e)

# the guard unwinds: moderate nesting still compares afterwards
print(chain(lambda x: [x], 1, 50) == chain(lambda x: [x], 1, 50), chain(lambda x: (x,), 1, 50) < chain(lambda x: (x,), 2, 50))
