# ValueError messages from conversions and container methods
cases = [lambda: int("abc"), lambda: int("1.5"), lambda: float("x"), lambda: int("", 16), lambda: [1].index(2),
         lambda: "abc".index("z"), lambda: (1, 2).index(3), lambda: [].remove(1), lambda: range(3).index(7),
         lambda: "a,b".split(""), lambda: chr(-1), lambda: "{:d}".format("x"), lambda: "x".center(3, "ab"),
         lambda: bytes([300]), lambda: int("9" * 5000), lambda: "%(" % {}]
for c in cases:
    try:
        c()
    except ValueError as e:
        print(type(e).__name__, e)
    except TypeError as e:
        print("TypeError", e)
a, b = 1, 2
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(type(e).__name__, e)
