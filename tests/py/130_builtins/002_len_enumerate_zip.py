# len, enumerate with start, zip with various lengths and strict
print(len([1, 2]), len("abc"), len({}), len(range(5, 50, 5)), len(b"xy"), len({1, 2}), len((1,)))
print(list(enumerate("abc", start=10)), list(enumerate([])), next(enumerate(["x"])))
print(list(zip([1, 2, 3], "ab")), list(zip(range(3))), list(zip([1, 2], [3, 4], strict=True)))
e = enumerate("xy")
print(type(e).__name__, iter(e) is e, list(e), list(e))
z = zip("ab", "cd")
print(type(z).__name__, next(z), list(z))
try:
    len(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    list(zip("abc", "d", strict=True))
except ValueError as e:
    print(type(e).__name__, e)
