# The Santa Claus problem (Trono): Santa sleeps until all nine reindeer are back from vacation
# (then they deliver toys together) or three elves need help (then he consults with those
# three); reindeer take priority over elves.  Tasklets and channels only.
# Usage: tools/run demos/santa.py [YEARS]
import sys
import stackless

YEARS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
REINDEER = 9
ELVES = 10
GROUP = 3


class Lcg:
    # Seeded so the run is reproducible (slpy cannot import `random` yet).
    def __init__(self, seed):
        self.x = seed

    def randrange(self, n):
        self.x = (self.x * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.x >> 16) % n


rng = Lcg(2024)
wake = stackless.channel()        # secretaries -> Santa: "a group is ready"
reindeer_back = stackless.channel()
elf_trouble = stackless.channel()
reindeer_ready = []               # complete groups waiting for Santa, filled by the secretaries
elves_ready = []
stats = {"deliveries": 0, "consults": 0, "elves_helped": 0, "both_ready": 0}
trips = [0] * REINDEER
helped = [0] * ELVES


def idle(n):
    for _ in range(rng.randrange(n)):
        stackless.schedule()


def reindeer(i, harness):
    for _ in range(YEARS):
        idle(40)                   # vacation in the tropics
        reindeer_back.send((i, harness))
        harness.receive()          # released after the delivery
        trips[i] += 1


def elf(i, door):
    while True:
        idle(10)                   # make toys
        elf_trouble.send((i, door))
        door.receive()             # Santa has helped
        helped[i] += 1


def reindeer_secretary():
    for _ in range(YEARS):
        group = [reindeer_back.receive() for _ in range(REINDEER)]
        reindeer_ready.append(group)
        wake.send("reindeer")


def elf_secretary():
    while True:
        group = [elf_trouble.receive() for _ in range(GROUP)]
        elves_ready.append(group)
        wake.send("elves")


def santa():
    while stats["deliveries"] < YEARS:
        wake.receive()
        while reindeer_ready or elves_ready:
            if reindeer_ready and elves_ready:
                stats["both_ready"] += 1
            if reindeer_ready:     # reindeer first
                group = reindeer_ready.pop(0)
                stats["deliveries"] += 1
                for _, harness in group:
                    harness.send("unharness")
            else:
                group = elves_ready.pop(0)
                assert len(group) == GROUP
                stats["consults"] += 1
                stats["elves_helped"] += len(group)
                for _, door in group:
                    door.send("helped")
            if stats["deliveries"] == YEARS:
                break


stackless.tasklet(santa)()
stackless.tasklet(reindeer_secretary)()
others = [stackless.tasklet(elf_secretary)()]
for i in range(REINDEER):
    stackless.tasklet(reindeer)(i, stackless.channel())
for i in range(ELVES):
    others.append(stackless.tasklet(elf)(i, stackless.channel()))
stackless.run()  # returns once Santa retired and everyone left is blocked
killed = 0
for t in others:   # the elves keep asking for help forever: retire them
    if t.alive:
        t.kill()
        killed += 1

print("years:", YEARS, "deliveries:", stats["deliveries"], "reindeer trips:", trips)
print("consultations:", stats["consults"], "elves helped:", stats["elves_helped"],
      "per elf:", helped)
print("times both groups were ready (reindeer went first):", stats["both_ready"])
ok = (stats["deliveries"] == YEARS and trips == [YEARS] * REINDEER
      and stats["elves_helped"] == GROUP * stats["consults"] == sum(helped))
print("retired blocked tasklets:", killed, "runcount:", stackless.getruncount(),
      "ok" if ok else "WRONG")
