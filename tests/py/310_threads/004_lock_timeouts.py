# Lock and RLock acquire with timeouts and non-blocking, errors, and a held lock released by another thread
import threading, _thread, time

l = threading.Lock()
print(l.acquire())
print(l.acquire(False))
t0 = time.monotonic()
print(l.acquire(timeout=0.05))
print(time.monotonic() - t0 >= 0.04)
try:
    l.acquire(False, 1)
except ValueError as e:
    print("ValueError", e)
try:
    l.acquire(timeout=-2)
except ValueError as e:
    print("ValueError", e)

def releaser():
    time.sleep(0.02)
    l.release()
threading.Thread(target=releaser).start()
print("acquired after release", l.acquire(timeout=5))
l.release()
try:
    l.release()
except RuntimeError as e:
    print("RuntimeError", e)

r = threading.RLock()
r.acquire(); r.acquire()
res = []
def other():
    res.append(r.acquire(timeout=0.02))
    res.append(r.acquire(blocking=False))
t = threading.Thread(target=other); t.start(); t.join()
print(res)
r.release(); r.release()
def other2():
    res.append(r.acquire(timeout=1))
    r.release()
t = threading.Thread(target=other2); t.start(); t.join()
print(res)
print(_thread.TIMEOUT_MAX > 1e9, _thread._count())
