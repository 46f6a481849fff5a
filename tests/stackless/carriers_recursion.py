# Carriers: deep native recursion on a carrier raises RecursionError (never a crash);
# deep Python recursion on a carrier needs no C stack; preemption inside list.sort(key=)
import stackless
import sys


def native_sorted(seq, key):
    # list.sort calls the key natively (sorted() runs a Python key as frames of the loop)
    l = list(seq)
    l.sort(key=key)
    return l

ch = stackless.channel()

def pin():
    native_sorted([0], lambda x: ch.receive())

def nest(n):
    return native_sorted([n], lambda x: nest(x + 1))

def native_deep():
    try:
        nest(0)
    except RecursionError as e:
        print("native_deep RecursionError", "recursion" in str(e))

def py_deep(n):
    return 0 if n == 0 else 1 + py_deep(n - 1)

def python_deep():
    print("python_deep", py_deep(100000))

stackless.tasklet(pin)()          # takes the thread's stack: the others run on fibers
stackless.tasklet(native_deep)()
stackless.tasklet(python_deep)()
sys.setrecursionlimit(200000)
stackless.run()
sys.setrecursionlimit(1000)
ch.send(1)

# preemption by the watchdog inside a sorted(key=) callback (ignore_nesting=True)
log = []

def busy(name):
    def key(x):
        for i in range(20000):
            if i % 5000 == 0:
                log.append(name)
        return x
    native_sorted([1, 2], key)
    log.append(name + " end")

a = stackless.tasklet(busy)("a")
b = stackless.tasklet(busy)("b")
interrupted = 0
while stackless.getruncount() > 1:
    t = stackless.run(500, ignore_nesting=True)
    if t is not None:
        interrupted += 1
        if t.nesting_level > 0:
            log.append("nested")
        t.insert()
print("preempted", interrupted > 2, "nested" in log, log.index("b") < log.index("a end"))
print("ends", sorted(x for x in log if x.endswith("end")))
