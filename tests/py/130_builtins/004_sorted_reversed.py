# sorted (key, reverse, stability, any iterable) and reversed on sequences
print(sorted([3, 1, 2]), sorted("cba"), sorted((2, 1)), sorted({3: 1, 1: 2}), sorted(range(3), reverse=True))
print(sorted(["b", "A", "c"], key=str.lower), sorted([-3, 2, -1], key=abs, reverse=True))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(4))), list(reversed((1, 2))))
r = reversed([1, 2])
print(type(r).__name__, next(r), list(r))
print(list(reversed({"a": 1, "b": 2})), list(reversed({"a": 1, "b": 2}.values())))
try:
    reversed({1, 2})
except TypeError as e:
    print(type(e).__name__, e)
try:
    sorted([1, 2], key=lambda x: x, reverse=True, extra=1)
except TypeError as e:
    print(type(e).__name__, e)
