# divmod and three-argument pow, including modular inverse
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(-17, -5))
print(divmod(10 ** 40, 7 ** 20))
print(pow(2, 10), pow(2, 10, 1000), pow(3, 200, 10 ** 9 + 7))
print(pow(2, 1000, 2 ** 61 - 1), pow(-3, 3, 7), pow(3, 3, -7))
print(pow(3, -1, 7), pow(10, -1, 17), pow(38, -2, 97))
try:
    pow(2, -1, 4)
except ValueError as e:
    print(type(e).__name__, e)
try:
    pow(2, 3, 0)
except ValueError as e:
    print(type(e).__name__, e)
print(pow(2, -2), pow(0, 0), pow(-2, 3))
