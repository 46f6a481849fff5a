# argument errors of container methods: qualified names, keywords refused, wrappers' messages
def show(label, f):
    try:
        r = f()
        print(label, "->", type(r).__name__)
    except Exception as e:
        print(label, type(e).__name__, e)

d = {1: 2}
show("dict.keys kw", lambda: d.keys(x=1))
show("dict.values arg", lambda: d.values(1))
show("dict.items kw", lambda: d.items(x=1))
show("dict.copy kw", lambda: d.copy(x=1))
show("dict.clear kw", lambda: {}.clear(x=1))
show("dict.popitem kw", lambda: {1: 2}.popitem(x=1))
show("dict.get kw", lambda: d.get(1, default=0))
show("dict.pop kw", lambda: d.pop(1, default=0))
show("dict.setdefault kw", lambda: d.setdefault(1, default=0))
show("dict.fromkeys kw", lambda: dict.fromkeys("a", value=0))
show("dict.__contains__", lambda: d.__contains__())
show("dict.__getitem__", lambda: d.__getitem__(1, 2))
show("dict.__reversed__", lambda: d.__reversed__(1))
show("dict.__len__", lambda: d.__len__(1))
show("dict.__setitem__", lambda: d.__setitem__(1))
show("dict.__delitem__", lambda: d.__delitem__())
show("dict.__or__ kw", lambda: d.__or__(other={}))

l = [3, 1, 2]
show("list.insert kw", lambda: l.insert(0, x=1))
show("list.pop kw", lambda: l.pop(index=0))
show("list.index kw", lambda: l.index(1, start=0))
show("list.append", lambda: l.append())
show("list.copy", lambda: l.copy(1))
show("list.sort positional", lambda: l.sort(None))
show("list.sort many", lambda: l.sort(1, 2, 3))
show("list.__getitem__", lambda: l.__getitem__())
show("list.__mul__", lambda: l.__mul__())
show("list.__setitem__", lambda: l.__setitem__(0))
show("list.__iter__", lambda: l.__iter__(1))
show("list.__reversed__", lambda: l.__reversed__(1))
show("list.__eq__", lambda: l.__eq__())

show("tuple.index kw", lambda: (1,).index(1, start=0))
show("tuple.count", lambda: (1,).count())
show("tuple.__getitem__", lambda: (1,).__getitem__())
show("tuple.__mul__", lambda: (1,).__mul__())

s = {1}
show("set.union kw", lambda: s.union(x=1))
show("set.update kw", lambda: s.update(x=1))
show("frozenset.union kw", lambda: frozenset().union(x=1))
show("set.add", lambda: s.add())
show("set.__contains__", lambda: s.__contains__(1, 2))
show("set.__or__", lambda: s.__or__())
show("set.__ior__", lambda: s.__ior__(1, 2))

show("range.index", lambda: range(3).index())
show("range.count kw", lambda: range(3).count(value=1))
show("range.__reversed__", lambda: range(3).__reversed__(1))
show("slice.indices", lambda: slice(1).indices())
show("keys.isdisjoint", lambda: d.keys().isdisjoint())
show("items.__reversed__", lambda: d.items().__reversed__(1))
print("values has __contains__", hasattr(d.values(), "__contains__"), 2 in d.values(), 3 in d.values())
show("list_iterator.__length_hint__", lambda: iter([]).__length_hint__(1))
show("dict_keyiterator.__length_hint__", lambda: iter(d).__length_hint__(x=1))
show("iterator.__next__", lambda: iter([1]).__next__(1))
show("reversed()", lambda: reversed())
show("reversed(a, b)", lambda: reversed([], []))

print([type(reversed(x)).__name__ for x in (d, d.keys(), d.values(), d.items())])
print(list(reversed({1: "a", 2: "b"}.items())))

class BadKeys:
    def keys(self):
        return 5
    def __getitem__(self, k):
        return k
show("update bad keys()", lambda: {}.update(BadKeys()))
show("dict(bad keys())", lambda: dict(BadKeys()))

class NoLen:
    def __getitem__(self, i):
        return i
show("reversed without len", lambda: reversed(NoLen()))
show("reversed of set", lambda: reversed({1}))
