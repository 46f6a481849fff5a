# exact comparisons between floats and (big) ints
print(2 ** 53 + 1 > 2.0 ** 53, 2 ** 53 + 1 == 2.0 ** 53, float(2 ** 53 + 1))
print(1 == 1.0, 0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-15)
print(10 ** 20 == 1e20, 10 ** 23 == 1e23, 1e23 < 10 ** 23)
print(float("inf") > 10 ** 1000, float("nan") == 10 ** 1000, -float("inf") < -(10 ** 1000))
print(sorted([3, 1.5, -2, 2.5, 0, -0.5]))
print(max(1, 1.0), min(1.0, 1), max(2, 2.5))
print(hash(0.5) == hash(0.5), hash(2.0) == hash(2), hash(-0.0) == hash(0.0))
print(hash(1.5), hash(-1.5), hash(0.1), hash(1e100))
