# The stackless anchors for slpy: one measure per run, printed as "RESULT <measure> <value>".
# usage: slpy bench/stackless/slp_bench.py pingpong|ring|spawn|rss [N]
# Same measures and sizes as go_bench.go, lua_bench.lua and greenlet_bench.py.
import sys
import time
import stackless


def vm_rss_kib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def pingpong(n):
    # Two tasklets bounce a counter over two channels: 2*n hand-offs (send -> receive).
    a, b = stackless.channel(), stackless.channel()

    def pong():
        while True:
            v = a.receive()
            if v < 0:
                return
            b.send(v + 1)

    stackless.tasklet(pong)()
    stackless.schedule()  # pong blocks on a.receive()
    t0 = time.perf_counter()
    v = 0
    for _ in range(n):
        a.send(v)
        v = b.receive()
    t1 = time.perf_counter()
    a.send(-1)
    assert v == n, v
    return (t1 - t0) / (2 * n) * 1e9, "ns/hand-off"


def ring(n, rounds=100):
    # n tasklets in a ring (main is one of them); the token goes round `rounds` times.
    hops = n * rounds
    chans = [stackless.channel() for _ in range(n)]

    def node(inp, out):
        while True:
            t = inp.receive()
            out.send(t + 1)
            if t + 1 >= hops:
                return

    for i in range(n - 1):
        stackless.tasklet(node)(chans[i], chans[i + 1])
    stackless.run()
    t0 = time.perf_counter()
    t = 0
    while t < hops:
        chans[0].send(t + 1)
        t = chans[n - 1].receive()
    t1 = time.perf_counter()
    assert t == hops, t
    return (t1 - t0) / hops * 1e9, "ns/hop"


def spawn(n):
    count = [0]

    def trivial():
        count[0] += 1

    t0 = time.perf_counter()
    for _ in range(n):
        stackless.tasklet(trivial)()
    stackless.run()
    t1 = time.perf_counter()
    assert count[0] == n, count[0]
    return (t1 - t0) / n * 1e9, "ns/tasklet"


def rss(n):
    # n tasklets, each blocked in a one-frame function on one shared channel.
    ch = stackless.channel()

    def waiter():
        ch.receive()

    before = vm_rss_kib()
    ts = [stackless.tasklet(waiter)() for _ in range(n)]
    stackless.run()
    after = vm_rss_kib()
    assert ch.balance == -n, ch.balance
    del ts
    return (after - before) * 1024 / n, "bytes/tasklet"


MEASURES = {"pingpong": (pingpong, 500_000), "ring": (ring, 10_000),
            "spawn": (spawn, 1_000_000), "rss": (rss, 1_000_000)}

if __name__ == "__main__":
    name = sys.argv[1]
    fn, default = MEASURES[name]
    value, unit = fn(int(sys.argv[2]) if len(sys.argv) > 2 else default)
    print("RESULT", name, "%.1f" % value, unit)
