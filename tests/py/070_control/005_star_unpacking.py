# starred assignment targets in for loops and nested patterns
for a, *b in [(1, 2, 3), (4,), "xyz"]:
    print(a, b)
for (i, j), k in [((1, 2), 3), ((4, 5), 6)]:
    print(i + j + k)
*a, = range(3)
print(a)
a, b, *c, d = 1, 2, 3
print(a, b, c, d)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(type(e).__name__, e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print(type(e).__name__, e)
try:
    a, *b, c = [1]
except ValueError as e:
    print(type(e).__name__, e)
try:
    a, b = 5
except TypeError as e:
    print(type(e).__name__, e)
