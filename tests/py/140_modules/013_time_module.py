# time.time/perf_counter/monotonic return floats that increase; sleep(0.01) actually sleeps
import time
t0, p0, m0 = time.time(), time.perf_counter(), time.monotonic()
print(type(t0).__name__, type(p0).__name__, type(m0).__name__, t0 > 1.6e9)
time.sleep(0.01)
t1, p1, m1 = time.time(), time.perf_counter(), time.monotonic()
print(t1 >= t0, p1 - p0 >= 0.009, m1 - m0 >= 0.009, p1 - p0 < 5)
print(time.sleep(0), time.perf_counter() >= p1, type(time.time_ns()).__name__, time.monotonic() >= m1)
try:
    time.sleep(-1)
except ValueError as e:
    print(type(e).__name__, e)
try:
    time.sleep("x")
except TypeError as e:
    print(type(e).__name__, e)
