# time.sleep in threads lets the others run: wake-up order follows the sleep lengths
import threading, time

order = []
def sleeper(name, delay):
    time.sleep(delay)
    order.append(name)

ts = [threading.Thread(target=sleeper, args=(n, d)) for n, d in [("c", 0.09), ("a", 0.01), ("b", 0.05)]]
t0 = time.monotonic()
for t in ts: t.start()
for t in ts: t.join()
elapsed = time.monotonic() - t0
print(order)
print(0.08 < elapsed < 0.5)

timer_out = []
tm = threading.Timer(0.02, lambda: timer_out.append("fired"))
tm.start(); tm.join()
tm2 = threading.Timer(10, lambda: timer_out.append("never"))
tm2.start(); tm2.cancel(); tm2.join()
print(timer_out)
