# dict methods: setdefault, pop, popitem, update, copy, clear, fromkeys, views, | and |=
d = {"x": 1}
print(d.setdefault("x", 5), d.setdefault("y", 2), d)
print(d.pop("x"), d.pop("nope", "dflt"), d)
d.update({"a": 1}, b=2)
d.update([("c", 3)])
print(d, d.popitem(), d)
c = d.copy()
c["new"] = 0
print(d, c, dict.fromkeys("abc"), dict.fromkeys([1, 2], 0))
k = d.keys()
d["late"] = 9
print(k, len(k), "late" in k, d.values(), d.items())
print(d | {"z": 26}, {"a": 0} | d)
d |= {"q": 1}
print(d)
d.clear()
print(d)
try:
    {}.popitem()
except KeyError as e:
    print(type(e).__name__, e)
try:
    {}.pop("k")
except KeyError as e:
    print(type(e).__name__, e)
print({"a": 1, "b": 2}.keys() & {"b", "c"} == {"b"}, {"a": 1} == {"a": 1.0}, {"a": 1} != {"a": 2})
