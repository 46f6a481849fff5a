# per-module import locks: a thread importing a module another thread is still running waits for it
import os
import shutil
import sys
import tempfile
import threading
import time

d = tempfile.mkdtemp()
sys.path.insert(0, d)
def write(name, text):
    with open(os.path.join(d, name + ".py"), "w") as f:
        f.write(text)

write("slow_mod", """
import time
STARTED = True
time.sleep(0.1)   # another thread runs meanwhile and imports this module too
DONE = 'complete'
""")
write("circ_a", """
A_EARLY = 1
import circ_b
A_LATE = 2
""")
write("circ_b", """
import circ_a
# The same thread's circular import gets the partial module, as always.
SEEN = sorted(k for k in vars(circ_a) if k.startswith('A_'))
""")

results = []
def first():
    import slow_mod
    results.append(("first", slow_mod.DONE))
def second():
    while 'slow_mod' not in sys.modules:
        time.sleep(0.001)
    import slow_mod   # in sys.modules but not done: waits for the first thread
    results.append(("second", getattr(slow_mod, 'DONE', 'half-initialized')))
t1 = threading.Thread(target=first)
t2 = threading.Thread(target=second)
t1.start()
t2.start()
t1.join()
t2.join()
print(sorted(results))

# Many threads import the same fresh module at once: it runs once, everyone sees it done.
write("counted_mod", """
import time
import builtins
builtins.counted_runs = getattr(builtins, 'counted_runs', 0) + 1
time.sleep(0.02)
VALUE = 42
""")
seen = []
def user():
    import counted_mod
    seen.append(counted_mod.VALUE)
threads = [threading.Thread(target=user) for _ in range(10)]
for t in threads:
    t.start()
for t in threads:
    t.join()
import builtins
print(seen, "module ran", builtins.counted_runs, "time(s)")

import circ_a
print(circ_a.circ_b.SEEN, circ_a.A_LATE)

# A failed import in one thread: the waiting thread tries again itself.
write("fails_once", """
import time, builtins
time.sleep(0.05)
if not getattr(builtins, 'failed_before', False):
    builtins.failed_before = True
    raise ValueError('first attempt fails')
OK = True
""")
out = []
def try_import(tag):
    try:
        import fails_once
        # The waiting thread gets the module object it found in sys.modules, as
        # CPython: the failed one.
        out.append((tag, 'ok', getattr(fails_once, 'OK', 'no OK: the failed module'),
                    'fails_once' in sys.modules))
    except ValueError as e:
        out.append((tag, 'ValueError', str(e)))
a = threading.Thread(target=try_import, args=('a',))
b = threading.Thread(target=try_import, args=('b',))
a.start()
time.sleep(0.01)
b.start()
a.join()
b.join()
print(out)

sys.path.remove(d)
shutil.rmtree(d)
