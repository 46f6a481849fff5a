# OverflowError, RecursionError (caught), RuntimeError for dict mutation, StopIteration misuse
import sys
for fn in [lambda: float(10 ** 400), lambda: 10.0 ** 400, lambda: int(float("inf")), lambda: [0] * (sys.maxsize + 1),
           lambda: "x" * (2 ** 70), lambda: range(2 ** 100).__len__()]:
    try:
        fn()
    except OverflowError as e:
        print(type(e).__name__, e)
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print(type(e).__name__, e)
d = {1: 1}
try:
    for k in d:
        d[k + 1] = 1
except RuntimeError as e:
    print(type(e).__name__, e)
s = {1}
try:
    for k in s:
        s.add(k + 1)
except RuntimeError as e:
    print(type(e).__name__, e)
