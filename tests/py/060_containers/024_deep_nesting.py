# deeply nested containers: RecursionError (not a crash) for repr and ==; tuple hash has no limit
def nest(n, make):
    x = 0
    for i in range(n):
        x = make(x)
    return x

def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

deep = 20000
for name, make in (("list", lambda x: [x]), ("tuple", lambda x: (x,)), ("dict", lambda x: {"k": x})):
    a = nest(deep, make)
    b = nest(deep, make)
    show(name + " repr", lambda: len(repr(a)))
    show(name + " str", lambda: len(str([a])))
    show(name + " ==", lambda: a == b)
    show(name + " in", lambda: a in [b])
show("list <", lambda: nest(deep, lambda x: [x]) < nest(deep, lambda x: [x]))
show("sorted", lambda: len(sorted([nest(deep, lambda x: [x]), nest(deep, lambda x: [x])])))

chain = nest(deep, lambda x: (x, 1))
show("deep tuple hash stable", lambda: hash(chain) == hash(nest(deep, lambda x: (x, 1))))
show("deep tuple as key", lambda: len({chain: 1, nest(deep, lambda x: (x, 2)): 2}))
show("deep unhashable", lambda: hash(nest(deep, lambda x: (x,)) + ([],)))

shallow = 200
show("shallow repr", lambda: len(repr(nest(shallow, lambda x: [x, {}]))))
show("shallow ==", lambda: nest(shallow, lambda x: {"a": [x]}) == nest(shallow, lambda x: {"a": [x]}))
show("shallow hash", lambda: hash(nest(shallow, lambda x: (x,))) == hash(nest(shallow, lambda x: (x,))))
