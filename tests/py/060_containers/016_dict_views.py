# dict views: set operations on keys/items, len, iteration, reflect mutations, repr
d = {"a": 1, "b": 2, "c": 3}
ks, vs, its = d.keys(), d.values(), d.items()
print(ks, vs, its)
print(sorted(ks & {"a", "c", "z"}), sorted(ks | {"z"}), sorted(ks - {"a"}), sorted(ks ^ {"a", "q"}))
print(("a", 1) in its, ("a", 2) in its, 2 in vs, len(its), list(zip(ks, vs)))
d["d"] = 4
del d["a"]
print(list(ks), list(vs), list(its))
print(d.keys() == {"b", "c", "d"}, d.items() <= {("b", 2), ("c", 3), ("d", 4), ("e", 5)})
try:
    ks[0]
except TypeError as e:
    print(type(e).__name__, e)
