# list creation, indexing, slicing, len, concatenation, repetition, membership
a = [1, 2, 3, "four", 5.0, None, [6, 7]]
print(a, len(a), a[0], a[-1], a[-1][0], a[2:5], a[::-2], a[10:], [] == list())
print([1, 2] + [3], [0] * 4, [[]] * 2, 3 in a, "four" in a, 8 not in a, list("abc"), list(range(3)))
b = a[:]
b[0] = 100
print(a[0], b[0], a is not b, a == a[:])
print([1, [2, [3, [4]]]], [1, 2] * 0, list((1, 2)), list({1: 2}))
try:
    a[100]
except IndexError as e:
    print(type(e).__name__, e)
