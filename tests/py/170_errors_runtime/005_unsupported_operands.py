# TypeError messages for unsupported operand types of binary, unary and comparison operators
cases = [
    lambda: 1 + "a", lambda: "a" + 1, lambda: [1] + (2,), lambda: {} + {}, lambda: 1 - "x", lambda: "a" * "b",
    lambda: [1] * 1.5, lambda: 2 ** "x", lambda: None + 1, lambda: 1 / None, lambda: "x" % (), lambda: 5 % "x",
    lambda: -"s", lambda: ~1.5, lambda: +[1], lambda: 1 < "a", lambda: [] > {}, lambda: None <= None,
    lambda: 1 << 1.0, lambda: 1.0 & 1, lambda: {1} - [1], lambda: b"a" + "b", lambda: (1,) + [2], lambda: 3 @ 4,
]
for c in cases:
    try:
        c()
    except TypeError as e:
        print(type(e).__name__, e)
x = 1
try:
    x += "s"
except TypeError as e:
    print(type(e).__name__, e)
lst = [1]
try:
    lst += 5
except TypeError as e:
    print(type(e).__name__, e)
