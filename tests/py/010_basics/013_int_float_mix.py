# mixing int and float arithmetic, true division always gives float
print(1 + 1.0, 3 * 0.5, 10 / 5, 10 / 4, type(10 / 5).__name__)
print(7.0 // 2, 7.5 % 2, -7.5 // 2, -7.5 % 2)
print(2 ** 0.5, 4 ** 0.5, 2.0 ** 10)
print(int(3.9), int(-3.9), float(3), int("42"), float("2.5"))
print(1e3, 1E-3, 1.5e+2, .5, 5., 1_0.5)
