# int() with explicit bases and prefixes
print(int("ff", 16), int("FF", 16), int("0xff", 16), int("0xff", 0))
print(int("777", 8), int("0o777", 0), int("101", 2), int("0b101", 0))
print(int("z", 36), int("ZZ", 36), int("10", 3), int("-1a", 16))
print(int("0", 0), int("1_0", 0), int(" 12 ", 5))
for bad, base in [("12", 2), ("", 10), ("0x", 16), ("1.5", 10), ("08", 0), ("abc", 10)]:
    try:
        int(bad, base)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    int("1", 1)
except ValueError as e:
    print(e)
try:
    int("1", 37)
except ValueError as e:
    print(e)
print(int(True), int(-2.9), int(1e20))
