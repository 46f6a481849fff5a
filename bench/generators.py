# Benchmark: generator pipeline (generator functions, yield from, genexps, send).
def source(n):
    i = 0
    while i < n:
        yield i
        i += 1

def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x

def squares(it):
    for x in it:
        yield x * x

def chunked(it, size):
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) == size:
            yield buf
            buf = []
    if buf:
        yield buf

def delegate(n):
    yield from squares(evens(source(n)))

def averager():
    total = 0
    count = 0
    avg = None
    while True:
        x = yield avg
        total += x
        count += 1
        avg = total // count

total = sum(delegate(2_000_000))
chunks = sum(len(c) for c in chunked(source(1_000_000), 7))
avg = averager()
next(avg)
last = None
for v in source(500_000):
    last = avg.send(v)
genexp = sum(x % 7 for x in (y * 3 for y in range(1_000_000)))
print(total, chunks, last, genexp)
