# _queue.SimpleQueue: FIFO order, Empty, timeouts, green threads parked in get() and woken
# by put(), get() called from native code (iter(q.get, None)), put() from __del__, items
# released once taken, subclassing, weak references, __class_getitem__.
import _queue
import gc
import queue
import threading
import time
import weakref

q = _queue.SimpleQueue()
print(queue.SimpleQueue is _queue.SimpleQueue, queue.Empty is _queue.Empty)
print(_queue.SimpleQueue.__module__, _queue.Empty.__module__, _queue.Empty.__mro__)
print(q.empty(), q.qsize())
for i in range(40):
    q.put(i) if i % 2 else q.put_nowait(i)
print(q.qsize(), [q.get() for _ in range(30)], q.qsize())
print([q.get(block=False) if i % 2 else q.get_nowait() for i in range(10)], q.empty())

for call in (q.get_nowait, lambda: q.get(False), lambda: q.get(timeout=0), lambda: q.get(True, 0.01)):
    try:
        call()
    except _queue.Empty as e:
        print("Empty", repr(e), e.args)

t0 = time.monotonic()
try:
    q.get(timeout=0.05)
except queue.Empty:
    print("waited the timeout:", time.monotonic() - t0 >= 0.05)

for bad in (-1, -0.5, float("nan"), "x"):
    q.put(1)
    try:
        q.get(timeout=bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
    q.get()

for args, kw in (((1,), {}), ((), {"x": 1})):
    try:
        _queue.SimpleQueue(*args, **kw)
    except TypeError as e:
        print("TypeError", e)
try:
    q.put()
except TypeError as e:
    print("TypeError", e)
q.put(item=5, block=False, timeout=3)
print(q.get())

# Consumers park in get() until producers put; each item is taken once.
def run(consume, n_threads=4, n_items=200):
    q = _queue.SimpleQueue()
    results = []
    def producer(k):
        for i in range(k, n_items, n_threads):
            q.put(i)
            if i % 7 == 0:
                time.sleep(0.001)
    def consumer():
        results.extend(consume(q))
    threads = [threading.Thread(target=consumer) for _ in range(n_threads)]
    threads += [threading.Thread(target=producer, args=(k,)) for k in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads[n_threads:]:
        t.join()
    for _ in range(n_threads):
        q.put(None)
    for t in threads[:n_threads]:
        t.join()
    return sorted(results) == list(range(n_items)), q.empty()

def blocking(q):
    out = []
    while (v := q.get()) is not None:
        out.append(v)
    return out

def timed(q):
    out = []
    while True:
        try:
            v = q.get(timeout=0.0005)
        except queue.Empty:
            continue
        if v is None:
            return out
        out.append(v)

def from_native(q):
    return list(iter(q.get, None))

for consume in (blocking, timed, from_native):
    print(consume.__name__, run(consume))

# A waiter parked with a timeout is woken early by put().
q = _queue.SimpleQueue()
got = []
t = threading.Thread(target=lambda: got.append(q.get(timeout=30)))
t0 = time.monotonic()
t.start()
time.sleep(0.01)
q.put("early")
t.join()
print(got, time.monotonic() - t0 < 5)

# put() from a finalizer, in the middle of a put/get loop.
q = _queue.SimpleQueue()
counter = iter(range(10**9))
class Circular:
    def __init__(self):
        self.me = self
    def __del__(self):
        q.put(next(counter))
results = []
while True:
    o = Circular()
    q.put(next(counter))
    del o
    results.append(q.get())
    if results[-1] >= 2000:
        break
gc.collect()
while not q.empty():
    results.append(q.get())
print(results == list(range(len(results))), len(results) >= 2001)

# Taken items are no longer referenced by the queue.
class C:
    pass
q = _queue.SimpleQueue()
for i in range(50):
    q.put(C())
def take_all(q, n):
    return [weakref.ref(q.get()) for _ in range(n)]
refs = take_all(q, 50)
gc.collect()
# slpy's collector scans the C stack conservatively: a stale copy of a pointer may keep
# one of them alive for a while (the queue itself must hold none).
print("released", sum(r() is None for r in refs) >= 45)

class MyQueue(_queue.SimpleQueue):
    def put(self, item):
        super().put(item * 2)
m = MyQueue()
m.put(21)
print(type(m).__name__, m.get(), isinstance(m, _queue.SimpleQueue))
r = weakref.ref(q)
print(r() is q)
print(_queue.SimpleQueue[int], queue.SimpleQueue[str].__origin__ is _queue.SimpleQueue)

