# Carriers: 1,000 tasklets each pinned at once (the pool grows), released, then again
# (the pool is reused); a tasklet keeps its own values across hard switches and GCs
import stackless
import gc

ch = stackless.channel()
done = []

def worker(i):
    data = [i] * 3
    got = []
    # list.sort calls the key natively: the tasklet blocks on a carrier
    [0, 1].sort(key=lambda _: got.append(ch.receive()) or 0)
    done.append(sum(data) + sum(got))

for rnd in range(2):
    del done[:]
    ts = [stackless.tasklet(worker)(i) for i in range(1000)]
    stackless.run()
    print("round", rnd, "blocked", ch.balance, all(t.nesting_level > 0 and not t.restorable for t in ts))
    gc.collect()
    for i in range(2000):
        ch.send(1)
    stackless.run()
    print("round", rnd, "done", len(done), sum(done), ch.balance, stackless.getruncount())
