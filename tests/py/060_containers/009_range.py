# range objects: iteration, len, indexing, slicing, containment, negative steps, equality
print(list(range(5)), list(range(2, 8)), list(range(0, 10, 3)), list(range(10, 0, -3)), list(range(0)))
r = range(3, 30, 4)
print(r, len(r), r[0], r[-1], r[2:5], r[::-1], 7 in r, 8 in r, r.index(11), r.count(15))
print(range(0) == range(5, 5), range(0, 3) == range(0, 3, 1), range(10)[::2], list(range(10)[::-3]))
print(range(10 ** 20)[-1], range(10 ** 20)[10 ** 19], 10 ** 19 in range(10 ** 20))
try:
    range(0, 10, 0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    range(5)[5]
except IndexError as e:
    print(type(e).__name__, e)
print(list(range(-5, -1)), list(range(5, -5, -2)), sum(range(101)), max(range(7)), repr(range(1, 2)))
