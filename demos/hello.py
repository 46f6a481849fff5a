# The demo `tools/run` starts with: a little of everything slpy is for — plain Python,
# then tasklets talking over channels, scheduled by slpy's stackless core.
import time

import stackless


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def squares(limit):
    for i in range(limit):
        yield i * i


print("Hello from slpy, a stackless Python VM")
print("fib(20) =", fib(20))
print("squares:", list(squares(8)))
print("2**100 =", 2**100)

# Producer and consumer: two tasklets and a channel.
def producer(ch, n):
    for i in range(n):
        ch.send(i * i)
    ch.send(None)


def consumer(ch, out):
    total = 0
    while (item := ch.receive()) is not None:
        total += item
    out.append(total)


ch = stackless.channel()
out = []
stackless.tasklet(producer)(ch, 1000)
stackless.tasklet(consumer)(ch, out)
stackless.run()
print("producer/consumer: sum of 1000 squares =", out[0])

# A ring of 10,000 tasklets passing a token around 10 times: link i receives on
# channels[i] and sends on channels[i + 1]; the main tasklet closes the ring.
def link(inbox, outbox):
    while True:
        token = inbox.receive()
        outbox.send(token if token < 0 else token + 1)
        if token < 0:
            return


N, ROUNDS = 10_000, 10
channels = [stackless.channel() for _ in range(N + 1)]
for i in range(N):
    stackless.tasklet(link)(channels[i], channels[i + 1])
start = time.perf_counter()
token = 0
for _ in range(ROUNDS):
    channels[0].send(token)      # blocks main until link 0 takes it
    token = channels[N].receive()
channels[0].send(-1)             # let every link finish
channels[N].receive()
stackless.run()                  # and return
elapsed = time.perf_counter() - start
print(f"ring: {N} tasklets passed a token {ROUNDS} times: {token} hops "
      f"in {elapsed:.3f} s ({elapsed / token * 1e9:.0f} ns per hop)")
print("tasklets left:", stackless.getruncount() - 1)
