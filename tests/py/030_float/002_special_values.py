# inf, nan, -0.0 and their arithmetic and comparisons
inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, -0.0, 0.0)
print(float("-inf"), float("Infinity"), float("NaN"), float("-nan"), float("  1.5  "))
print(inf + 1, inf - inf, inf * 0, -inf * -1, 1 / inf, -1 / inf)
print(nan == nan, nan != nan, nan < 1, inf > 1e308, -inf < -1e308)
print(0.0 == -0.0, repr(-0.0 * 1), repr(0.0 * -1), repr(-0.0 + 0.0), repr(-0.0 - 0.0))
print(1e308 * 10, -1e308 * 10)
print(repr(abs(-0.0)), repr(-(0.0)))
print(inf == inf, max(1.0, inf), min(-inf, 0.0))
x = [nan]
print(x == x, nan in x)
