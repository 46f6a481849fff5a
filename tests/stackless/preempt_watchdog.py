# Spec 5.5: a watchdog loop over run(n) keeps several CPU-bound tasklets progressing;
# totaltimeout interrupts even tasklets that switch; soft mode returns None at the next
# switch; an atomic tasklet is not interrupted; nested timed run() calls do not re-arm.
import stackless

counts = [0, 0, 0]


def spin(k):
    while True:
        counts[k] += 1


ts = [stackless.tasklet(spin)(k) for k in range(3)]
interrupted = set()
for _ in range(30):
    t = stackless.run(500)
    if t is not None:
        interrupted.add(ts.index(t))
        t.insert()
print("all progressed", all(c > 0 for c in counts), sorted(interrupted), stackless.getruncount())
for t in ts:
    t.remove()  # else killing t0 would run t1, which never yields (spec 8, O4)
    t.kill()
print("killed", stackless.getruncount(), [t.alive for t in ts])


def sched_spin():
    while True:
        stackless.schedule()


a = stackless.tasklet(sched_spin)()
b = stackless.tasklet(sched_spin)()
r = stackless.run(2000, totaltimeout=True)
print("totaltimeout", r is a or r is b, r.paused, r.scheduled)


def busy_then_schedule():
    while True:
        for i in range(3000):
            pass
        stackless.schedule()


for t in (a, b):
    t.remove()  # rebound (frames dropped) to a body that runs past the deadline
    t.bind(busy_then_schedule, ())
    t.insert()
r2 = stackless.run(2000, soft=True)
print("soft", r2, a.scheduled, b.scheduled, stackless.getruncount())
for t in (a, b):
    t.remove()
    t.kill()

out = []


def atomic_spin():
    stackless.getcurrent().set_atomic(True)
    for i in range(20000):
        pass
    out.append("done")


stackless.tasklet(atomic_spin)()
print("atomic", stackless.run(100), out)

# preemption is off again after run() returned: a plain loop is not interrupted
n = 0
for i in range(100000):
    n += 1
print("main loop", n)
