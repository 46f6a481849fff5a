# enumerate/zip/dict(zip)/list(map) building containers
names = ["a", "b", "c"]
print(list(enumerate(names)), list(enumerate(names, 1)), dict(enumerate(names)))
print(list(zip(names, range(10))), dict(zip(names, [1, 2, 3])), list(zip()), list(zip("ab", "cd", "ef")))
print(list(map(str.upper, names)), list(map(lambda x, y: x + y, [1, 2], [10, 20, 30])), list(filter(None, [0, 1, "", "a"])))
pairs = [(1, "one"), (2, "two")]
nums, words = zip(*pairs)
print(nums, words)
try:
    list(zip([1], [2, 3], strict=True))
except ValueError as e:
    print(type(e).__name__, e)
