# dict and set iterators notice a change of size, or of keys at the same size, as CPython's do
def run(name, f):
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)

def walk(it, step):
    out = []
    for i, x in enumerate(it):
        out.append(x)
        step(i)
    return out

def swap_once(d):
    def step(i):
        if i == 0:
            del d[1]
            d[4] = 4
    return step

for kind in ["dict", "keys", "values", "items"]:
    d = {1: 1, 2: 2, 3: 3}
    view = {"dict": d, "keys": d.keys(), "values": d.values(), "items": d.items()}[kind]
    run("swap_" + kind, lambda: walk(view, swap_once(d)))

d = {1: 1, 2: 2, 3: 3}
run("swap_reversed", lambda: walk(reversed(d), swap_once(d)))
d = {1: 1, 2: 2, 3: 3}
run("swap_reversed_items", lambda: walk(reversed(d.items()), swap_once(d)))

# the same key deleted and put back: a new entry at the end, seen again
d = {1: 1, 2: 2, 3: 3}
def readd(i):
    if i == 0:
        d[1] = d.pop(1)
run("pop_readd", lambda: walk(d, readd))

# values replaced: no change of keys, no error
d = {1: 1, 2: 2, 3: 3}
run("values_replaced", lambda: walk(d.items(), lambda i: d.__setitem__(3, i)))

# size changes
for kind in ["dict", "keys", "values", "items"]:
    d = {1: 1, 2: 2, 3: 3}
    view = {"dict": d, "keys": d.keys(), "values": d.values(), "items": d.items()}[kind]
    run("grow_" + kind, lambda: walk(view, lambda i: d.__setitem__(10 + i, 0)))
    d = {1: 1, 2: 2, 3: 3}
    view = {"dict": d, "keys": d.keys(), "values": d.values(), "items": d.items()}[kind]
    run("shrink_" + kind, lambda: walk(view, lambda i: d.popitem()))

# an iterator that reported the error stays failed
d = {1: 1, 2: 2}
it = iter(d)
next(it)
d[3] = 3
run("after_error1", lambda: next(it))
del d[3]
run("after_error2", lambda: next(it))
run("after_error3", lambda: list(it))

# __length_hint__ of a dict iterator after a change
d = {1: 1, 2: 2, 3: 3}
it = iter(d)
next(it)
print("hint", it.__length_hint__())
d[4] = 4
print("hint after grow", it.__length_hint__())

# sets
s = {1, 2, 3}
run("set_grow", lambda: walk(s, lambda i: s.add(10 + i)))
s = {1, 2, 3}
run("set_shrink", lambda: walk(s, lambda i: s.discard(3 - i)))
s = {1, 2, 3}
run("set_clear", lambda: walk(s, lambda i: s.clear()))
s = {1, 2, 3}
run("set_same_size", lambda: sorted(walk(s, lambda i: (s.discard(2), s.add(2)))))
fs = frozenset([1, 2])
run("frozenset_iter", lambda: sorted(walk(fs, lambda i: None)))
s = {1, 2, 3}
it = iter(s)
next(it)
s.add(9)
run("set_after_error1", lambda: next(it))
s.discard(9)
run("set_after_error2", lambda: list(it))

# lists and bytearrays just follow their current contents
l = [1, 2, 3]
run("list_grow", lambda: walk(l, lambda i: l.append(10) if len(l) < 6 else None))
l = [1, 2, 3, 4, 5]
run("list_shrink", lambda: walk(l, lambda i: l.pop()))
b = bytearray(b"abcde")
run("bytearray_shrink", lambda: walk(b, lambda i: b.pop()))
l = [1, 2, 3, 4]
run("list_reversed_shrink", lambda: walk(reversed(l), lambda i: l.clear() if i == 1 else None))
