# min/max with key/default/multiple args, sum with start, abs, any/all
print(min(3, 1, 2), max([1, 5, 3]), min("bca"), max("ab", "b", key=len), min([], default="empty"))
print(max([("a", 3), ("b", 1)], key=lambda p: p[1]), min([1, -5, 3], key=abs), max([2, 2.0, 2]), min(2.0, 2))
print(sum([1, 2, 3]), sum([1, 2], 10), sum([0.5, 0.25]), sum([[1], [2]], []), sum(range(101)), sum([], 0.0))
print(abs(-5), abs(3.5), abs(-0.0), abs(-(10 ** 30)), abs(True))
print(any([0, "", None]), any([0, 1]), all([]), any([]), all([1, "x"]), all(x < 3 for x in range(5)))
for bad in [lambda: min([]), lambda: max(), lambda: sum(["a", "b"], ""), lambda: abs("x"), lambda: max(1)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
