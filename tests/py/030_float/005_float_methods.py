# float methods: is_integer, as_integer_ratio, hex, fromhex, conjugate, int/round conversion
print((1.0).is_integer(), (1.5).is_integer(), (0.5).as_integer_ratio(), (0.1).as_integer_ratio())
print((1.0).hex(), (0.1).hex(), (-2.5).hex(), (0.0).hex(), float.fromhex("0x1.8p1"), float.fromhex("-0x1p-2"))
print(float.fromhex("0x1.999999999999ap-4") == 0.1, (3.5).real, (3.5).imag, (3.5).conjugate())
print(int(2.5), int(-2.5), round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1.005, 2))
print(round(1234.5678, -2), round(1234.5678, 1), round(0.5), round(1.5), type(round(2.5)).__name__)
print(round(-0.4), repr(round(-0.4, 0)), round(5e-324, 300))
try:
    (float("inf")).as_integer_ratio()
except OverflowError as e:
    print(type(e).__name__, e)
try:
    round(float("nan"))
except ValueError as e:
    print(type(e).__name__, e)
