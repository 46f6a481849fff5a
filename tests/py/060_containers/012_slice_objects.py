# slice objects: attributes, indices(), use with lists, tuples, strings
s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, slice(5), slice(None, 3), s.indices(6), slice(None, None, -1).indices(5))
lst = list(range(12))
print(lst[s], tuple(lst)[s], "abcdefghijkl"[s], lst[slice(-3, None)], lst[slice(None, None, -4)])
print(slice(1, 2) == slice(1, 2), slice(-100, 100).indices(5), slice(2, -2, 3).indices(20))
try:
    slice(0, 1, 0).indices(5)
except ValueError as e:
    print(type(e).__name__, e)
