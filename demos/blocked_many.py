# N tasklets alive at once, each blocked on a channel, then all released.
# Prints peak RSS (VmHWM from /proc/self/status) and bytes per blocked tasklet.
# The waiters are spread over CHANNELS channels (tasklet i waits on channel i % CHANNELS).
# Usage: tools/run demos/blocked_many.py [N [CHANNELS]]   (default N = 1,000,000, CHANNELS = 1000)
# Ten million: tools/run demos/blocked_many.py 10000000   (about 3 GiB at ~300 bytes each;
# CHANNELS = N gives every tasklet its own channel and costs ~150 bytes more per tasklet)
import sys
import time
import stackless

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
CHANNELS = int(sys.argv[2]) if len(sys.argv) > 2 else 1000


def vm_kib(key):
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


released = [0]


def waiter(ch):
    # One frame deep, blocked in receive().  (Not `released[0] += ch.receive()`: that
    # would read released[0] before blocking and every waiter would store 1.)
    v = ch.receive()
    released[0] += v


rss0 = vm_kib("VmRSS")
t0 = time.perf_counter()
chans = [stackless.channel() for _ in range(CHANNELS)]
for i in range(N):
    stackless.tasklet(waiter)(chans[i % CHANNELS])
stackless.run()  # every tasklet runs up to its receive() and blocks
t1 = time.perf_counter()
blocked = -sum(ch.balance for ch in chans)
rss1 = vm_kib("VmRSS")
for ch in chans:
    while ch.balance < 0:
        ch.send(1)  # hands 1 to the first waiter, which runs and finishes
stackless.run()
hwm = vm_kib("VmHWM")
t2 = time.perf_counter()

print("tasklets blocked at once:", blocked, "of", N, "on", CHANNELS, "channels")
print("released:", released[0], "ok" if released[0] == N else "WRONG")
print("runcount after release:", stackless.getruncount())
if rss0 >= 0:
    print("peak RSS (VmHWM): %.1f MiB" % (hwm / 1024))
    print("bytes per blocked tasklet (RSS growth / N, channels included): %.0f"
          % ((rss1 - rss0) * 1024 / N))
else:
    print("peak RSS: /proc/self/status not available")
print("block: %.3f s, release: %.3f s" % (t1 - t0, t2 - t1))
