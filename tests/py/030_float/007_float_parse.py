# float() parsing of strings, errors, and conversions
for s in ["1", "1.5", "-1.5e3", "  2.5\n", "1_000.5", ".5", "5.", "1e-400", "1e400", "-0", "+inf", "nAn", "infinity"]:
    print(repr(s), repr(float(s)))
for bad in ["", "abc", "1.2.3", "1e", "0x10", "1__0", "in f"]:
    try:
        float(bad)
    except ValueError as e:
        print(type(e).__name__, e)
print(float(True), float(10 ** 20), float(-5))
