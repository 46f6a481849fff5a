# slice assignment and deletion, extended slices, negative steps
a = list(range(10))
a[2:5] = ["a", "b"]
print(a)
a[1:1] = [100, 101]
print(a)
a[::2] = [0] * len(a[::2])
print(a)
del a[::3]
print(a)
del a[1:3]
print(a)
a[:] = "xyz"
print(a)
b = list(range(10))
b[8:2:-2] = ["p", "q", "r"]
print(b)
try:
    b[::2] = [1, 2]
except ValueError as e:
    print(type(e).__name__, e)
b[-3:] = []
print(b, b[-100:100], b[5:-5])
del b[:]
print(b)
