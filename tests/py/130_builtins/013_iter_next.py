# iter() with sentinel and callable, next() with default, iterator protocol on builtins
data = [3, 1, 4, 1, 5, 9, 0, 2]
it = iter(data)
print(list(iter(lambda: next(it), 0)))
counter = [0]
def tick():
    counter[0] += 1
    return counter[0]
print(list(iter(tick, 5)))
i = iter([1])
print(next(i), next(i, "default"), next(i, None))
try:
    next(i)
except StopIteration:
    print("StopIteration")
for obj in [[1], (1,), "a", {"k": 1}, {1}, range(1), b"a", bytearray(b"a")]:
    it2 = iter(obj)
    print(type(obj).__name__, next(it2), iter(it2) is it2, next(it2, "end"))
try:
    next([1])
except TypeError as e:
    print(type(e).__name__, e)
try:
    iter(5)
except TypeError as e:
    print(type(e).__name__, e)
