# A ring of 10,000 tasklets passing a token 100 times around; each hop increments the token.
# Usage: tools/run demos/ring.py [TASKLETS] [ROUNDS]
import sys
import time
import stackless

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 100
HOPS = N * ROUNDS


def node(inp, out):
    while True:
        token = inp.receive()
        if token >= HOPS:
            out.send(token)  # pass the final token on so every node stops
            return
        out.send(token + 1)


chans = [stackless.channel() for _ in range(N)]
for i in range(N - 1):
    stackless.tasklet(node)(chans[i], chans[i + 1])
# chans[N-1] -> main -> chans[0]: main is the last node of the ring.
t0 = time.perf_counter()
stackless.run()  # every node blocks on receive
token = 0
laps = 0
while token < HOPS:
    chans[0].send(token + 1)
    token = chans[N - 1].receive()
    laps += 1
# Stop the ring: the final token travels once more through the nodes.
chans[0].send(token)
chans[N - 1].receive()
t1 = time.perf_counter()
stackless.run()  # let the nodes, queued after their last send, return

print("tasklets:", N, "rounds:", laps, "token:", token, "ok" if token == HOPS and laps == ROUNDS else "WRONG")
print("runcount at end:", stackless.getruncount())
print("%.1f ns/hop, total %.3f s" % ((t1 - t0) / (HOPS + N) * 1e9, t1 - t0))
