# int() of floats truncates; float() of huge ints, math-free floor/ceil idioms
for x in [2.7, -2.7, 0.9999999999999999, 1e18, 1.5e300]:
    print(int(x) if x < 1e200 else len(str(int(x))))
print(int(-0.0), int(1e-300))
print(7.0 // 2, -7.0 // 2, type(7.0 // 2).__name__)
print(float(12345678901234567890), float(2 ** 1023) * 2)
print(1e308 + 1e308, -1e308 - 1e308)
