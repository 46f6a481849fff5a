# Built-ins that drive Python code (list/tuple/set/dict/sum/min/max/any/all/sorted/str.join
# over generators and Python iterators, sorted/min/max key=, next(gen), gen.send) run it as
# frames of the loop: a tasklet blocked inside them reports nesting_level 0, restorable True,
# and pins no carrier; the results are the native built-ins' results.
import stackless

ch = stackless.channel()
seen = []


def recv(tag):
    me = stackless.getcurrent()
    v = ch.receive()
    return v


def gen(n, tag):
    for i in range(n):
        yield recv(tag)


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
        return recv("It")


def key_blocks(x):
    return recv("key") + x


cases = [
    ("list(gen)", lambda: list(gen(3, "g"))),
    ("tuple(gen)", lambda: tuple(gen(2, "g"))),
    ("set(It)", lambda: sorted(set(It(3)))),
    ("frozenset(gen)", lambda: sorted(frozenset(gen(2, "g")))),
    ("dict(gen)", lambda: dict((k, k * 2) for k in gen(2, "g"))),
    ("sum(gen)", lambda: sum(gen(3, "g"))),
    ("sum(It, start)", lambda: sum(It(2), 100)),
    ("min(gen)", lambda: min(gen(3, "g"))),
    ("max(It)", lambda: max(It(3))),
    ("max(list, key=f)", lambda: max([1, 2, 3], key=key_blocks)),
    ("min(a, b, key=f)", lambda: min(5, 6, key=key_blocks)),
    ("any(gen)", lambda: any(gen(3, "g"))),
    ("all(It)", lambda: all(It(3))),
    ("sorted(gen)", lambda: sorted(gen(3, "g"))),
    ("sorted(list, key=f)", lambda: sorted([3, 1, 2], key=key_blocks)),
    ("sorted(It, key=f, reverse)", lambda: sorted(It(2), key=key_blocks, reverse=True)),
    ("str.join(gen)", lambda: "-".join(str(x) for x in gen(3, "g"))),
    ("bound join(It)", lambda: (lambda j: j(str(x) for x in It(2)))(", ".join)),
    ("next(gen)", lambda: next(gen(1, "g"))),
    ("gen.send", lambda: (lambda g: (next(g), g.send(None)))(gen(2, "g"))),
    ("for x in map(f, list)", lambda: [v for v in map(key_blocks, [10, 20])]),
    ("list(map(f, range))", lambda: list(map(key_blocks, range(2)))),
    ("sum(map(f, a, b))", lambda: sum(map(lambda a, b: recv("m") + a * b, [1, 2], (3, 4)))),
    # control: list.sort calls its key natively, so this one blocks on a pinned carrier
    ("list.sort(key=f) (native)", lambda: (lambda l: (l.sort(key=key_blocks), l)[1])([2, 1])),
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
            # blocked inside the built-in: soft, restorable, no carrier
            states.add((t.nesting_level, t.restorable, t.blocked, stackless._pinned_carriers()))
            ch.send(next(values) % 7)
        else:
            stackless.run()
    print(name, seen[-1][1], sorted(states))
print("carriers pinned at the end", stackless._pinned_carriers())
