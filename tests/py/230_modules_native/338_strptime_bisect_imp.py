# time.strptime through _strptime, time._STRUCT_TM_ITEMS, bisect over ranges beyond the small-int range, _imp._override_frozen_modules_for_tests
import time, bisect, sys, _imp
t = time.strptime("2024-02-29 13:45:07", "%Y-%m-%d %H:%M:%S")
print(tuple(t)[:6], t.tm_wday, t.tm_yday, time._STRUCT_TM_ITEMS)
print(time.strptime("Thu Jan  1 00:00:00 1970")[:3])
try:
    time.strptime("2024", "%Y-%m")
except ValueError as e:
    print(e)
n = sys.maxsize
data = range(n - 1)
print(bisect.bisect_left(data, n - 3), bisect.bisect_right(data, n - 3, n - 10, n))
try:
    bisect.bisect_left(range(0, 2**70, 3), 2**69)
except OverflowError as e:
    print(e)
print(_imp._override_frozen_modules_for_tests(1), _imp._override_frozen_modules_for_tests(0))
try:
    _imp._override_frozen_modules_for_tests("x")
except TypeError as e:
    print(e)
