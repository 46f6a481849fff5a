# generator pipelines: chained lazy stages over a large range
def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1
def only(pred, it):
    for x in it:
        if pred(x):
            yield x
def mapped(fn, it):
    for x in it:
        yield fn(x)
def take(k, it):
    for i, x in enumerate(it):
        if i >= k:
            return
        yield x
def window(it, size):
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) == size:
            yield tuple(buf)
            buf.pop(0)
p = mapped(lambda x: x * x, only(lambda x: x % 3 == 0, numbers(10 ** 9)))
print(list(take(8, p)))
print(sum(take(100000, mapped(lambda x: x % 7, numbers(10 ** 12)))))
print(list(take(4, window(numbers(100), 3))))
def running_avg():
    total, n = 0.0, 0
    avg = None
    while True:
        x = yield avg
        total += x
        n += 1
        avg = total / n
ra = running_avg()
next(ra)
print([ra.send(v) for v in [10, 20, 30, 40]])
