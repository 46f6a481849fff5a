# Benchmark: closures, keyword/default arguments, *args/**kwargs, lambdas, bound methods and decorators.
def make_adder(n):
    def add(x):
        return x + n
    return add

def counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc

def kw(a, b=2, *, c=3):
    return a + b * c

def star(*args, **kwargs):
    return len(args) + len(kwargs)

def deco(fn):
    def wrapper(*args):
        return fn(*args) + 1
    return wrapper

@deco
def decorated(x):
    return x * 2

class Acc:
    def __init__(self):
        self.v = 0

    def add(self, x):
        self.v += x

adders = [make_adder(i) for i in range(10)]
inc = counter()
acc = Acc()
add = acc.add
sq = lambda x: x * x
total = 0
for i in range(500_000):
    total += adders[i % 10](i)
    inc()
    total += kw(i, c=1) + kw(1, 2)
    total += star(1, 2, x=3)
    total += decorated(i)
    add(1)
    total += sq(i & 15)
print(total, inc(0), acc.v)
