# Busy threads that never block interleave (time slices): each sees the other make progress
import threading, sys

sys.setswitchinterval(0.001)
progress = [0, 0]
seen = [False, False]
stop = threading.Event()

def spin(me):
    other = 1 - me
    start = progress[other]
    while not stop.is_set():
        progress[me] += 1
        if progress[other] != start:
            seen[me] = True
            if seen[other]:
                stop.set()

a = threading.Thread(target=spin, args=(0,))
b = threading.Thread(target=spin, args=(1,))
a.start(); b.start()
a.join(); b.join()
print(seen)
print(threading.active_count())
