# Threads start, run and join; results collected under a lock come out in a fixed order
import threading

results = []
lock = threading.Lock()

def work(n):
    total = 0
    for i in range(20000):
        total += i * n
    with lock:
        results.append((n, total))

threads = [threading.Thread(target=work, args=(n,), name="w%d" % n) for n in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results))
print([t.is_alive() for t in threads])
print(threading.active_count(), threading.current_thread().name)
print(all(isinstance(t.ident, int) for t in threads), threading.main_thread().ident == threading.get_ident())
print(all(isinstance(t.native_id, int) for t in threads))
