# Preemptive round robin: CPU-bound tasklets that never yield (`while True:` loops) share the
# CPU because the main tasklet runs them under the watchdog, `stackless.run(TICKS)`, which
# interrupts the running tasklet after about TICKS ticks and returns it.  (slpy counts a tick
# per loop back-edge or call, so a slice of 1000 ticks is about 1000 loop iterations.)
# Usage: tools/run demos/preemptive.py [TASKLETS] [TICKS] [SLICES]
import sys
import time
import stackless

K = int(sys.argv[1]) if len(sys.argv) > 1 else 8
TICKS = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
SLICES = int(sys.argv[3]) if len(sys.argv) > 3 else 20000

progress = [0] * K


def spin(i):
    # Never calls schedule() or a channel: only preemption can take the CPU away.
    n = 0
    while True:
        n += 1
        if n % 64 == 0:
            progress[i] = n


def collatz_total(limit):
    steps = 0
    for x in range(1, limit):
        while x != 1:
            x = x // 2 if x % 2 == 0 else 3 * x + 1
            steps += 1
    return steps


result = {}


def finite():
    # A CPU-bound job that does finish, interleaved with the spinners.
    result["collatz"] = collatz_total(3000)


workers = [stackless.tasklet(spin)(i) for i in range(K)]
job = stackless.tasklet(finite)()
t0 = time.perf_counter()
interrupts = 0
order = []
main_progress = 0
for _ in range(SLICES):
    victim = stackless.run(TICKS)   # hard preemption: returns the interrupted tasklet
    if victim is not None:
        interrupts += 1
        if len(order) < 12:
            order.append(workers.index(victim) if victim in workers else "job")
        victim.insert()             # back to the end of the run queue
    main_progress += 1              # the watchdog's own loop progresses too
t1 = time.perf_counter()
job_done = result.get("collatz") == 215015 and not job.alive   # checked before the kills
for t in workers:
    # Take each spinner out of the queue first: a paused target of kill() is appended just
    # before the killer, so control comes back here when it dies.  Killing it in place would
    # hand the CPU to the spinners queued after it, and nothing preempts them any more.
    t.remove()
    t.kill()

print("tasklets:", K, "slices:", SLICES, "ticks per slice:", TICKS, "interrupts:", interrupts)
print("first interrupted (round robin):", order)
print("every spinner progressed:", all(p > 0 for p in progress),
      "min/max iterations:", min(progress), max(progress))
print("finite job done during the slices:", job_done, "collatz steps:", result.get("collatz"))
print("watchdog iterations:", main_progress, "runcount at end:", stackless.getruncount())
print("%.3f s" % (t1 - t0))
