# str.format with positional, keyword, indexing, attributes and nesting
print("{} {} {}".format(1, "a", 2.5), "{0} {1} {0}".format("x", "y"), "{a}-{b}".format(a=1, b=2))
print("{0[1]} {0[k]} {1.real}".format({1: "one", "k": "kay"}, 5), "{0[0]}{0[2]}".format("abc"))
print("{:>8}|{:<8}|{:^8}|{:*^9}".format("r", "l", "c", "m"))
print("{!r} {!s} {!a}".format("s", "s", "é"), "{{literal}}".format(), "{0:{1}}|".format("w", 6))
print("{:{w}.{p}f}".format(3.14159, w=10, p=2), "{:,}".format(1234567), "{:_x}".format(0xFFFFFF))
print("{0}{1}{0}".format("ab", "cd"), format("x", "^5"), "{}".format(None), "{:d}".format(True))
try:
    "{} {}".format(1)
except IndexError as e:
    print(type(e).__name__, e)
try:
    "{x}".format(y=1)
except KeyError as e:
    print(type(e).__name__, e)
try:
    "{0} {}".format(1, 2)
except ValueError as e:
    print(type(e).__name__, e)
print("{0:>{1}}".format("z", 4), "{:%}".format(0.5), "%s" % "{}".format("x"))
