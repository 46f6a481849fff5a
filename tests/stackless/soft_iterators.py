# The lazy iterators (map, filter, enumerate, zip, reversed) run the Python side of their
# steps as frames of the loop, in for loops, in next()/__next__() and inside the built-ins
# that drive them, and gen.throw()/gen.close() resume the generator as a frame: a tasklet
# blocked inside them reports nesting_level 0, restorable True, and pins no carrier; the
# results are the native iterators' results.
import stackless

ch = stackless.channel()
seen = []


def recv():
    return ch.receive()


def gen(n):
    for i in range(n):
        yield recv()


class It:
    # an iterator whose __next__ is Python code that blocks
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return recv()


class Seq:
    # reversed() through a __getitem__ that blocks
    def __len__(self):
        return 2

    def __getitem__(self, i):
        return recv() * 10 + i


def pred(x):
    return recv() % 2 == 0


def add(x):
    return recv() + x


def loop(it):
    out = []
    for x in it:
        out.append(x)
    return out


def enum_loop():
    out = []
    for i, x in enumerate(gen(3)):
        out.append((i, x))
    return out


def zip_loop():
    out = []
    for a, b in zip(gen(2), gen(2)):
        out.append(a + b)
    return out


def zip_strict():
    try:
        return list(zip(gen(1), It(2), strict=True))
    except ValueError as e:
        return str(e)


def catcher():
    # a generator whose except/finally blocks receive from the channel
    try:
        yield 1
    except KeyError:
        yield recv()
    finally:
        recv()


def throw_case():
    g = catcher()
    next(g)
    r = g.throw(KeyError)
    g.close()
    return r


def close_case():
    g = catcher()
    next(g)
    return g.close(), g.gi_frame


cases = [
    ("for i, x in enumerate(gen)", enum_loop),
    ("for a, b in zip(gen, gen)", zip_loop),
    ("for x in filter(pred, list)", lambda: loop(filter(pred, [1, 2, 3, 4]))),
    ("for x in filter(None, gen)", lambda: loop(filter(None, gen(3)))),
    ("for x in map(f, gen)", lambda: loop(map(lambda v: v * 2, gen(2)))),
    ("for x in map(add, It)", lambda: loop(map(add, It(1)))),
    ("for x in reversed(Seq)", lambda: loop(reversed(Seq()))),
    ("for x in zip(list, It)", lambda: loop(zip("ab", It(2)))),
    ("nested", lambda: loop(enumerate(map(add, filter(None, gen(2)))))),
    ("next(enumerate(gen))", lambda: next(enumerate(gen(1)))),
    ("next(zip(It, gen))", lambda: next(zip(It(1), gen(1)))),
    ("next(map(add, range))", lambda: next(map(add, range(5, 6)))),
    ("next(filter(pred, list))", lambda: next(filter(pred, [7, 8, 9]))),
    ("enumerate(gen).__next__()", lambda: enumerate(gen(1)).__next__()),
    ("list(enumerate(It))", lambda: list(enumerate(It(2)))),
    ("dict(zip(gen, gen))", lambda: dict(zip(gen(1), gen(1)))),
    ("sum(map(f, gen))", lambda: sum(map(lambda v: v + 1, gen(2)))),
    ("sorted(filter(pred, list))", lambda: sorted(filter(pred, [3, 1, 2]))),
    ("zip strict error", zip_strict),
    ("gen.throw", throw_case),
    ("gen.close", close_case),
    # control: list.extend drives its iterable natively: a pinned carrier
    ("list.extend(enumerate(gen)) (native)", lambda: (lambda l: (l.extend(enumerate(gen(1))), l)[1])([])),
]


def runner(name, fn):
    r = fn()
    seen.append((name, r))


values = iter(range(1000))
for name, fn in cases:
    t = stackless.tasklet(runner)(name, fn)
    stackless.run()
    states = set()
    while t.alive:
        if ch.balance < 0:
            # blocked inside the iterator: soft, restorable, no carrier
            states.add((t.nesting_level, t.restorable, t.blocked, stackless._pinned_carriers()))
            ch.send(next(values) % 7)
        else:
            stackless.run()
    print(name, seen[-1][1], sorted(states))
print("carriers pinned at the end", stackless._pinned_carriers())
