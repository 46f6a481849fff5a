# repr/str/format of structures nested 20,000 deep (containers, exceptions, slices, wrappers): RecursionError with CPython's message
N = 20_000

def chain(make, leaf=0, depth=N):
    x = leaf
    for _ in range(depth):
        x = make(x)
    return x

MappingProxy = type(type.__dict__)
values = {
    "list": chain(lambda x: [x]),
    "tuple": chain(lambda x: (x,)),
    "dict": chain(lambda x: {1: x}),
    "dict values": chain(lambda x: {1: x}.values()),
    "frozenset": chain(lambda x: frozenset([x])),
    "exception args": chain(lambda x: ValueError(x)),
    "exception group": chain(lambda x: ExceptionGroup("g", [x]), ValueError(1)),
    "slice": chain(slice),
    "staticmethod": chain(staticmethod, abs),
    "mappingproxy": chain(MappingProxy, {1: 2}),
    "generic alias": chain(lambda x: list[x], int),
}
ops = [
    ("repr", repr),
    ("str", str),
    ("ascii", ascii),
    ("format", format),
    ("f-string", lambda v: f"{v}"),
    ("%s", lambda v: "%s" % (v,)),
    ("str.format", "{!r}".format),
]
for name, value in values.items():
    results = []
    for label, op in ops:
        try:
            results.append("%s: %d chars" % (label, len(op(value))))
        except RecursionError as e:
            results.append("%s: %s" % (label, e))
    print(name)
    for r in results:
        print("   ", r)

# print() writes nothing of a value it cannot convert
try:
    print(values["list"])
except RecursionError as e:
    print("print:", e)
# the guard unwinds: moderate nesting still works afterwards
print(repr(chain(lambda x: [x], 0, 50)) == "[" * 50 + "0" + "]" * 50)
print(str(chain(lambda x: (x,), 0, 3)))
