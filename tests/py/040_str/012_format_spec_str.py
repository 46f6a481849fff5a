# format spec for strings: width, alignment, fill, precision (truncation)
s = "hello"
for spec in ["", "10", "<10", ">10", "^10", "*^11", ".2", "10.3", "-<8", "s", "=^4"]:
    print(repr(spec), repr(format(s, spec)))
for bad in ["d", "=10", "+"]:
    try:
        format(s, bad)
    except ValueError as e:
        print(type(e).__name__, e)
print(repr(format("", "3")), repr(format("日本", "^6")))
