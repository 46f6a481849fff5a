# Event, Condition, Semaphore, Barrier and queue.Queue between producer and consumer threads
import threading, queue

q = queue.Queue(maxsize=3)
out = []

def producer():
    for i in range(10):
        q.put(i)
    q.put(None)

def consumer():
    while True:
        item = q.get()
        if item is None:
            break
        out.append(item * item)
        q.task_done()
    q.task_done()

p = threading.Thread(target=producer)
c = threading.Thread(target=consumer)
c.start(); p.start()
q.join()
p.join(); c.join()
print(out)

ev = threading.Event()
got = []
def waiter(i):
    ev.wait()
    got.append(i)
ws = [threading.Thread(target=waiter, args=(i,)) for i in range(3)]
for w in ws: w.start()
print("before set", got)
ev.set()
for w in ws: w.join()
print("after set", sorted(got))

cond = threading.Condition()
items = []
def cons():
    with cond:
        while not items:
            cond.wait()
        print("consumed", items.pop())
t = threading.Thread(target=cons)
t.start()
with cond:
    items.append("x")
    cond.notify()
t.join()

sem = threading.Semaphore(2)
active = [0]
peak = [0]
def limited():
    with sem:
        active[0] += 1
        peak[0] = max(peak[0], active[0])
        ev2 = threading.Event()
        ev2.wait(0.01)
        active[0] -= 1
ts = [threading.Thread(target=limited) for _ in range(6)]
for t in ts: t.start()
for t in ts: t.join()
print("peak", peak[0])

bar = threading.Barrier(3)
order = []
def phase(i):
    order.append(("a", i))
    bar.wait()
    order.append(("b", i))
ts = [threading.Thread(target=phase, args=(i,)) for i in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(x for x in order[:3]), sorted(x for x in order[3:]))
