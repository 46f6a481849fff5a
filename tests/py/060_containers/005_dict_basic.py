# dicts: insertion order, get/set/del, membership, len, keys/values/items views
d = {"b": 1, "a": 2}
d["c"] = 3
d["b"] = 10
print(d, len(d), d["a"], "a" in d, "z" in d, d.get("z"), d.get("z", 0))
del d["a"]
d["a"] = 5
print(d, list(d), list(d.keys()), list(d.values()), list(d.items()))
try:
    d["zzz"]
except KeyError as e:
    print(type(e).__name__, e)
try:
    del d["zzz"]
except KeyError as e:
    print(type(e).__name__, e)
print(dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict({"k": 1}, k2=2), dict(zip("ab", [1, 2])))
print({1: "int", 1.0: "float", True: "bool"}, {(1, 2): "t"}[(1, 2)])
try:
    {[1]: 2}
except TypeError as e:
    print(type(e).__name__, e)
