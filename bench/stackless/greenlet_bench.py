# The stackless anchors for CPython 3.11 + greenlet: one measure per run, printed as
# "RESULT <measure> <value> <unit>".
# usage: /usr/bin/python3.11 bench/stackless/greenlet_bench.py pingpong|ring|spawn|rss [N]
# greenlets have no channels: a hand-off is one greenlet.switch(value), the primitive a
# channel library on greenlet would be built on, so these numbers are a lower bound for it.
import sys
import time
from greenlet import getcurrent, greenlet


def vm_rss_kib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def pingpong(n):
    main = getcurrent()

    def pong(v):
        while v >= 0:
            v = main.switch(v + 1)

    g = greenlet(pong)
    t0 = time.perf_counter()
    v = 0
    for _ in range(n):
        v = g.switch(v)       # 2 hand-offs: main -> pong, pong -> main
    t1 = time.perf_counter()
    g.switch(-1)
    assert v == n, v
    return (t1 - t0) / (2 * n) * 1e9, "ns/hand-off"


def ring(n, rounds=100):
    # n greenlets in a ring (main is one of them); each switches the token to the next.
    # Every greenlet is started from main first and parks there: a greenlet started from
    # inside another one would nest its Python recursion depth, and 10,000 of them overflow.
    hops = n * rounds
    main = getcurrent()
    nodes = []

    def node(i):
        nxt = nodes[i + 1] if i + 1 < len(nodes) else main
        t = main.switch()          # parked until the first token
        while True:
            t = nxt.switch(t + 1)

    for i in range(n - 1):
        nodes.append(greenlet(node))
    for i, g in enumerate(nodes):
        g.switch(i)
    t0 = time.perf_counter()
    t = 0
    while t < hops:
        t = nodes[0].switch(t + 1)
    t1 = time.perf_counter()
    assert t == hops, t
    return (t1 - t0) / hops * 1e9, "ns/hop"


def spawn(n):
    count = [0]

    def trivial():
        count[0] += 1

    t0 = time.perf_counter()
    for _ in range(n):
        greenlet(trivial).switch()
    t1 = time.perf_counter()
    assert count[0] == n, count[0]
    return (t1 - t0) / n * 1e9, "ns/greenlet"


def rss(n):
    # n greenlets, each suspended in a one-frame function waiting to be switched back to.
    main = getcurrent()

    def waiter():
        main.switch()

    before = vm_rss_kib()
    gs = [greenlet(waiter) for _ in range(n)]
    for g in gs:
        g.switch()
    after = vm_rss_kib()
    assert all(not g.dead and g for g in gs[:10])
    return (after - before) * 1024 / n, "bytes/greenlet"


# spawn and rss use 100,000 greenlets, not 1,000,000: each greenlet costs a stack slice
# copy (about 100 us here under load), so a million would outlast the runner's timeout.
# Both are per-item measures.
MEASURES = {"pingpong": (pingpong, 500_000), "ring": (ring, 10_000),
            "spawn": (spawn, 100_000), "rss": (rss, 100_000)}

if __name__ == "__main__":
    name = sys.argv[1]
    fn, default = MEASURES[name]
    value, unit = fn(int(sys.argv[2]) if len(sys.argv) > 2 else default)
    print("RESULT", name, "%.1f" % value, unit)
