# string slicing with steps, negative indices and out-of-range bounds
s = "abcdefghij"
print(s[2:5], s[:3], s[7:], s[-3:], s[:-3], s[::2], s[1::2], s[::-1], s[-1:-4:-1], s[8:2:-2])
print(repr(s[5:2]), repr(s[100:]), s[-100:2], s[::3], s[::-3], s[3:3] == "")
print(s[slice(1, 8, 3)], s[slice(None, None, -1)])
try:
    s[10]
except IndexError as e:
    print(type(e).__name__, e)
try:
    s[::0]
except ValueError as e:
    print(type(e).__name__, e)
try:
    s[0] = "x"
except TypeError as e:
    print(type(e).__name__, e)
