# Carriers: a tasklet blocks or switches inside native code that called back into Python
# (sorted key, dict lookup __eq__, list() over a generator, print() of __str__), then goes on
import stackless

log = []

# 1. sorted() whose key function receives from a channel
ch = stackless.channel()

def sorter():
    me = stackless.getcurrent()
    r = sorted([3, 1, 2], key=lambda x: ch.receive())
    log.append(("sorted", r, me.nesting_level))

def feeder():
    for v in (10, 30, 20):
        ch.send(v)
        log.append(("sent", v))

s = stackless.tasklet(sorter)()
stackless.tasklet(feeder)()
stackless.run()
print(log)
print("sorter", s.alive, ch.balance)

# 2. __eq__ run by a dict lookup calls schedule()
del log[:]

class K:
    def __init__(self, n):
        self.n = n
    def __hash__(self):
        return 1
    def __eq__(self, other):
        log.append("eq %d" % self.n)
        stackless.schedule()
        return self.n == other.n

d = {K(1): "one"}

def looker():
    log.append(("found", d[K(1)]))

def other():
    log.append("other ran")

stackless.tasklet(looker)()
stackless.tasklet(other)()
stackless.run()
print(log)

# 3. a generator driven by list() blocks on a channel
del log[:]
ch2 = stackless.channel()

def gen():
    for i in range(3):
        yield ch2.receive() * 2

def lister():
    log.append(("list", list(gen())))

def sender():
    for v in (1, 2, 3):
        ch2.send(v)
    log.append("sender done")

stackless.tasklet(lister)()
stackless.tasklet(sender)()
stackless.run()
print(log)

# 4. print() of an object whose __str__ blocks
ch3 = stackless.channel()

class Slow:
    def __str__(self):
        return "slow:" + ch3.receive()

def printer():
    print("printed", Slow(), "end")

def s3():
    ch3.send("x")
    print("sent x")

stackless.tasklet(printer)()
stackless.tasklet(s3)()
stackless.run()

# 5. switching natives called by natives: iter(callable, sentinel), map(schedule, ...)
ch4 = stackless.channel()
res = []

def mapper():
    res.append(list(iter(ch4.receive, 7))) # iter() calls receive itself: no Python frame between
    res.append(sum(map(lambda _: ch4.receive(), range(2))))

def mfeed():
    for v in (5, 6, 7, 8, 9):
        ch4.send(v)

stackless.tasklet(mapper)()
stackless.tasklet(mfeed)()
stackless.run()
print("native callers", res)

ch5 = stackless.channel()
def schedmap():
    out = list(map(stackless.schedule, ["a", "b"]))
    res.append(out)
def ticker():
    for i in range(3):
        res.append(i)
        stackless.schedule()
del res[:]
stackless.tasklet(schedmap)()
stackless.tasklet(ticker)()
stackless.run()
print("schedule via map", res)
print("runcount", stackless.getruncount())
