# grow a large live structure while creating garbage, then drop it and build another (peak memory test)
live = []
garbage_sum = 0
for i in range(300_000):
    live.append((i, str(i)))
    tmp = [i] * 5
    garbage_sum += tmp[4]
print(len(live), garbage_sum, live[-1])
live = None
d = {}
for i in range(300_000):
    d[i] = [i, i + 1]
    if i >= 1000:
        del d[i - 1000]
print(len(d), sum(v[0] for v in d.values()))
chunks = []
for round_ in range(20):
    chunks = [bytearray(1000) for _ in range(1000)]
print(len(chunks), sum(len(c) for c in chunks))
