# The collector keeps everything a blocked or queued tasklet needs (its frames, locals,
# value stack, tempval) and frees paused tasklets nobody references, without running
# their finally blocks (spec 3.8).
import gc
import stackless

ch = stackless.channel()
box = []


def worker(i, payload):
    data = [payload, str(i) * 3]
    v = ch.receive()
    box.append((i, v, data[0]["k"], data[1]))


for i in range(2000):
    stackless.tasklet(worker)(i, {"k": i})
stackless.run()
print("blocked", ch.balance, stackless.getruncount())
for _ in range(3):
    junk = [[j, str(j)] for j in range(100000)]
    gc.collect()
del junk
for i in range(2000):
    ch.send(("value", i * 2))
stackless.run()
ok = all(b == (b[0], ("value", b[0] * 2), b[0], str(b[0]) * 3) for b in box)
print("received", len(box), ok, ch.balance)

# senders blocked with their values in tempval
senders = [stackless.tasklet(ch.send)({"n": i}) for i in range(500)]
stackless.run()
del senders
gc.collect()
got = [ch.receive()["n"] for i in range(500)]
print("sent values kept", got == list(range(500)))


def paused_fn():
    try:
        stackless.schedule_remove()
    finally:
        print("finally ran")


for _ in range(100):
    stackless.tasklet(paused_fn)()
stackless.run()
gc.collect()
print("paused and unreachable: collected quietly", stackless.getruncount())
