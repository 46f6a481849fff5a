# true division of big ints gives correctly rounded floats
print(10 ** 30 / 10 ** 10, 1 / 3, 2 ** 100 / 2 ** 99, (2 ** 100 + 1) / 3)
print(10 ** 400 / 10 ** 399, 1 / 10 ** 300)
try:
    10 ** 400 / 1
except OverflowError as e:
    print(type(e).__name__, e)
try:
    1 / 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    1 // 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    1 % 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    divmod(10 ** 30, 0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
