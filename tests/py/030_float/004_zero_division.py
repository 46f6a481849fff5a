# division by zero errors for floats and ints
cases = [lambda: 1.0 / 0, lambda: 1 / 0.0, lambda: 1.0 // 0.0, lambda: 1.0 % 0.0,
         lambda: divmod(1.0, 0.0), lambda: 0.0 ** -1, lambda: 0 ** -1, lambda: 5 % 0.0]
for c in cases:
    try:
        print(c())
    except ZeroDivisionError as e:
        print(type(e).__name__ + ":", e)
try:
    print(10.0 ** 400)
except OverflowError as e:
    print(type(e).__name__, e)
try:
    print(2.0 ** 10000)
except OverflowError as e:
    print(type(e).__name__, e.args)
