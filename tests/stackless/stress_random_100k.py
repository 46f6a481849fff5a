# Seeded stress: 100,000 tasklets created, switched, blocked on channels and killed at
# random points (a fixed LCG, so every run does the same). Ends with a summary line whose
# invariants are checked here: every tasklet either finished or was killed, no channel
# has waiters left, only main is runnable.
import stackless

seed = 20261207


def rnd(n):
    global seed
    seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
    return (seed >> 8) % n


chans = [stackless.channel() for _ in range(16)]
for i, c in enumerate(chans):
    c.preference = (i % 3) - 1
stats = {"done": 0, "killed": 0, "sent": 0, "received": 0, "switches": 0}


def worker(i):
    try:
        for step in range(rnd(6) + 1):
            op = rnd(5)
            if op == 0:
                stackless.schedule()
                stats["switches"] += 1
            elif op == 1:
                chans[rnd(16)].send((i, step))
                stats["sent"] += 1
            elif op == 2:
                v = chans[rnd(16)].receive()
                assert isinstance(v, tuple) and len(v) == 2
                stats["received"] += 1
            elif op == 3:
                x = [j * j for j in range(rnd(20))]
                if x and rnd(2):
                    stackless.schedule()
                    stats["switches"] += 1
        stats["done"] += 1
    except TaskletExit:
        stats["killed"] += 1
        raise


live = []
created = 0
rounds = 0
while created < 100000:
    for _ in range(rnd(64) + 1):
        if created == 100000:
            break
        live.append(stackless.tasklet(worker)(created))
        created += 1
    stackless.run()
    rounds += 1
    for _ in range(rnd(24)):
        if live:
            live[rnd(len(live))].kill()
    live = [t for t in live if t.alive]
for t in live:
    t.kill()
live = [t for t in live if t.alive]
ended = stats["done"] + stats["killed"]
print("created", created, "rounds", rounds)
print("finished+killed == created:", ended == created, "left alive:", len(live))
print("balances zero:", all(c.balance == 0 for c in chans), "runcount:", stackless.getruncount())
print("counts", stats["done"], stats["killed"], stats["sent"], stats["received"], stats["switches"])
