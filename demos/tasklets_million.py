# Spawn 1,000,000 tasklets, run them all to completion, report time per tasklet.
# Usage: tools/run demos/tasklets_million.py [N]
import sys
import time
import stackless

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
done = [0]


def work(i):
    # Each tasklet does a little work so completion is checkable.
    done[0] += i


t0 = time.perf_counter()
for i in range(N):
    stackless.tasklet(work)(i)
t1 = time.perf_counter()
stackless.run()
t2 = time.perf_counter()

expected = N * (N - 1) // 2
print("tasklets:", N)
print("sum of ids:", done[0], "ok" if done[0] == expected else "WRONG (expected %d)" % expected)
print("runcount after run:", stackless.getruncount())
print("spawn: %.1f ns/tasklet, run+finish: %.1f ns/tasklet, total %.3f s"
      % ((t1 - t0) / N * 1e9, (t2 - t1) / N * 1e9, t2 - t0))
