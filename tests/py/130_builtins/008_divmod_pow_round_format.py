# divmod/pow/round/format builtins across int and float arguments
print(divmod(7, 2), divmod(-7, 2), divmod(7.5, 2), divmod(-7.5, 2), divmod(True, 2))
print(pow(2, 8), pow(2.0, 3), pow(2, -2), pow(7, 2, 5), pow(-2, 2), pow(4, 0.5), pow(base=2, exp=5, mod=7))
print(round(3.14159, 2), round(2.5), round(-2.5), round(1234, -2), round(0.125, 2), round(0.375, 2), round(5))
print(format(255, "x"), format(3.14159, ".2f"), format("s", ">3"), format(12345, ","), format(True), format(None))
try:
    pow(2.0, 3, 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    round("x")
except TypeError as e:
    print(type(e).__name__, e)
