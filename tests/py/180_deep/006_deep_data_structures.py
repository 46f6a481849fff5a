# deeply nested lists/tuples built iteratively, walked iteratively, and compared/printed near limits
nested = []
cur = nested
for i in range(100_000):
    nxt = [i]
    cur.append(nxt)
    cur = nxt
depth = 0
cur = nested
while cur:
    cur = cur[-1] if isinstance(cur[-1], list) else None
    depth += 1
print(depth)
t = ()
for i in range(50):
    t = (t, i)
print(str(t)[:30], len(str(t)))
a = [[[[[[[[[[1]]]]]]]]]]
print(a, a == [[[[[[[[[[1]]]]]]]]]])
