# comparisons between big ints, ints and floats, hash of ints
a = 2 ** 100
print(a > 2 ** 99, a == 2 ** 100, a < -a, -a < a)
print(2 ** 53 + 1 == float(2 ** 53 + 1), 2 ** 53 == 2.0 ** 53)
print(10 ** 400 > 1e308, -(10 ** 400) < -1e308, 10 ** 400 < float("inf"))
print(hash(0), hash(1), hash(-1), hash(-2), hash(2 ** 61 - 1), hash(2 ** 61), hash(2 ** 100))
print(hash(1) == hash(1.0), hash(True), hash(10 ** 20) == hash(float(10 ** 20)))
print(max(3, 2 ** 70, -5), min([10 ** 30, 10 ** 29]))
