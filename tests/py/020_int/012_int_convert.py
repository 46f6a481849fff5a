# conversions: int from float/str/bool, bin/oct/hex of big and negative ints
print(bin(10), oct(10), hex(255), bin(-10), hex(-255), oct(-8))
print(hex(2 ** 100), bin(2 ** 70 + 1))
print(int(1e15), int(-1.5e10), int(2.0 ** 80))
print(int("1" * 50) % 1000)
try:
    int(float("inf"))
except OverflowError as e:
    print(type(e).__name__, e)
try:
    int(float("nan"))
except ValueError as e:
    print(type(e).__name__, e)
print(float(2 ** 100), float(-(3 ** 40)))
try:
    float(10 ** 400)
except OverflowError as e:
    print(type(e).__name__, e)
print(str(-0), repr(12345678901234567890))
