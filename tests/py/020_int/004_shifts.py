# left and right shifts, including negatives and big values
print(1 << 0, 1 << 10, 1 << 100)
print(-1 << 70, 5 << 64)
print(1024 >> 3, -1024 >> 3, -1 >> 100, -5 >> 1, 5 >> 1)
print((1 << 200) >> 199, ((1 << 200) + 12345) >> 190)
print(-(1 << 100) >> 99)
try:
    1 << -1
except ValueError as e:
    print(type(e).__name__, e)
try:
    1 >> -1
except ValueError as e:
    print(type(e).__name__, e)
