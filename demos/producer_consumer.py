# Producers and consumers over one shared channel; each item is counted exactly once.
# Usage: tools/run demos/producer_consumer.py [PRODUCERS] [CONSUMERS] [ITEMS_PER_PRODUCER]
import sys
import time
import stackless

P = int(sys.argv[1]) if len(sys.argv) > 1 else 10
C = int(sys.argv[2]) if len(sys.argv) > 2 else 7
ITEMS = int(sys.argv[3]) if len(sys.argv) > 3 else 20_000

work = stackless.channel()
results = stackless.channel()
STOP = None


def producer(pid):
    for i in range(ITEMS):
        work.send(pid * ITEMS + i)


def consumer(cid):
    count = 0
    total = 0
    while True:
        item = work.receive()
        if item is STOP:
            break
        count += 1
        total += item
    results.send((cid, count, total))


t0 = time.perf_counter()
for p in range(P):
    stackless.tasklet(producer)(p)
for c in range(C):
    stackless.tasklet(consumer)(c)
stackless.run()  # producers and consumers run until the producers are done
for _ in range(C):
    work.send(STOP)
per_consumer = [results.receive() for _ in range(C)]
t1 = time.perf_counter()

n = P * ITEMS
count = sum(r[1] for r in per_consumer)
total = sum(r[2] for r in per_consumer)
print("producers:", P, "consumers:", C, "items:", n)
print("consumed:", count, "sum:", total, "ok" if count == n and total == n * (n - 1) // 2 else "WRONG")
print("items per consumer:", sorted(r[1] for r in per_consumer))
print("%.1f ns/item, total %.3f s" % ((t1 - t0) / n * 1e9, t1 - t0))
