# str/repr of floats in containers and string conversions
vals = [0.5, 1e16, 1e-5, float("inf"), -0.0, 3.0, 1e22, 1.23e-7]
print(vals)
print(tuple(vals))
print({1.5: 2.5})
print(str(vals[0]), repr(vals[1]), "%s|%r" % (1e16, 1e-5))
print(f"{1e16} {1e-5!r} {0.1!s}")
