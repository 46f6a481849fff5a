# map with one and several iterables, filter with None and predicate, laziness
print(list(map(abs, [-1, 2, -3])), list(map(pow, [2, 3], [3, 2])), list(map(lambda *a: sum(a), [1], [2], [3])))
print(list(filter(None, [0, 1, "", "a", [], [0], None])), list(filter(lambda x: x > 1, range(5))))
calls = []
m = map(lambda x: calls.append(x) or x, range(3))
print(calls, type(m).__name__)
print(next(m), calls, list(m), calls)
print(list(map(str, range(3))), list(map(len, ["a", "bb"])), list(map(int, "123")))
try:
    map()
except TypeError as e:
    print(type(e).__name__, e)
