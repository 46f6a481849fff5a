# Dining philosophers without deadlock: each fork is a tasklet owning a channel; a philosopher
# always picks up the lower-numbered fork first (resource ordering), so no cycle of waits.
# Usage: tools/run demos/philosophers.py [PHILOSOPHERS] [MEALS]
import sys
import stackless

N = int(sys.argv[1]) if len(sys.argv) > 1 else 5
MEALS = int(sys.argv[2]) if len(sys.argv) > 2 else 1000


class Lcg:
    # A small seeded generator: slpy cannot import `random` yet (it pulls in hashlib ->
    # logging -> traceback, which uses `match`).
    def __init__(self, seed):
        self.x = seed

    def randrange(self, n):
        self.x = (self.x * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.x >> 16) % n


random = Lcg(42)


class Fork:
    def __init__(self, i):
        self.i = i
        self.requests = stackless.channel()
        self.uses = 0

    def serve(self):
        # A fork hands itself to one requester and waits for that requester to give it back.
        while True:
            reply = self.requests.receive()
            if reply is None:
                return
            self.uses += 1
            reply.send(self)
            reply.receive()  # returned


def philosopher(i, left, right, log):
    first, second = (left, right) if left.i < right.i else (right, left)
    # One reply channel per held fork: each fork waits on its own channel for the return.
    hand1 = stackless.channel()
    hand2 = stackless.channel()
    for meal in range(MEALS):
        for _ in range(random.randrange(3)):  # think
            stackless.schedule()
        first.requests.send(hand1)
        assert hand1.receive() is first
        second.requests.send(hand2)
        assert hand2.receive() is second
        log[i] += 1  # eat, holding both forks
        for _ in range(random.randrange(3)):
            stackless.schedule()
        hand2.send("back")
        hand1.send("back")


forks = [Fork(i) for i in range(N)]
for f in forks:
    stackless.tasklet(f.serve)()
meals = [0] * N
for i in range(N):
    stackless.tasklet(philosopher)(i, forks[i], forks[(i + 1) % N], meals)
stackless.run()
for f in forks:
    f.requests.send(None)
stackless.run()
print("philosophers:", N, "meals each:", meals)
print("fork uses:", [f.uses for f in forks], "total:", sum(f.uses for f in forks),
      "ok" if sum(meals) == N * MEALS and sum(f.uses for f in forks) == 2 * N * MEALS else "WRONG")
print("runcount at end:", stackless.getruncount())
