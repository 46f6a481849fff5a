# Soft switches from every place where the loop runs Python code as its own frames:
# a tasklet may block there, reports nesting_level 0, and resumes with the right result.
import stackless

ch = stackless.channel()
log = []


def wait(tag):
    # blocks until main sends; the value comes back as the call's result
    v = ch.receive()
    me = stackless.getcurrent()
    log.append((tag, v, me.nesting_level, me.restorable))
    return v


class Num:
    def __init__(self, v):
        self.v = wait("__init__") + v

    def __add__(self, other):
        return Num(wait("__add__") + self.v)

    def __eq__(self, other):
        return wait("__eq__") == 1

    def __hash__(self):
        return 7

    def __bool__(self):
        return bool(wait("__bool__"))

    @property
    def prop(self):
        return wait("property")

    def __getitem__(self, i):
        return wait("__getitem__") * i

    def __iter__(self):
        for i in range(2):
            yield wait("generator")

    def __call__(self):
        return wait("__call__")

    def __enter__(self):
        wait("__enter__")
        return self

    def __exit__(self, *exc):
        wait("__exit__")
        return False


def body():
    n = Num(1)
    m = n + n
    r = [m.v, n == n, bool(n), n.prop, n[3], list(x for x in [1])]
    for v in n:
        r.append(v)
    r.append(n())
    with n:
        r.append(exec("wait('exec')") is None)
    r.append(eval("wait('eval')"))
    r.append(next(ch))
    for v in ch:
        r.append(v)
        if v == "stop":
            break
    log.append(("result", r))


t = stackless.tasklet(body)()
stackless.run()
step = 0
while t.alive and step < 100:
    step += 1
    if ch.balance < 0:
        ch.send("stop" if step == 17 else step)
    else:
        stackless.run()
for entry in log:
    print(entry)
print("steps", step, "paused states", t.alive, ch.balance)


# A tasklet whose function is a native that switches, one that is a generator function
# (it just returns the generator), and a tasklet 50 Python calls deep.
ch = stackless.channel()


def deep(n):
    if n == 0:
        return ch.receive()
    return deep(n - 1) + 1


results = []
stackless.tasklet(lambda: results.append(deep(50)))()
g = stackless.tasklet(Num.__iter__)(None)
stackless.run()
print("deep blocked", ch.balance, g.alive)
a = stackless.tasklet(ch.send)(1000)
stackless.run()
print(results, a.alive, ch.balance)
b = stackless.tasklet(ch.send)("native")
stackless.run()
print(ch.balance, ch.receive(), b.alive)
stackless.run()
print(b.alive, stackless.getruncount())


# Recursion 20,000 deep inside a tasklet with the limit raised; each tasklet has its own
# depth, and switching in the middle keeps both stacks.
import sys
sys.setrecursionlimit(30000)


def rec(n):
    if n == 0:
        stackless.schedule()
        return stackless.getcurrent().recursion_depth
    return rec(n - 1)


out = []
stackless.tasklet(lambda: out.append(rec(20000)))()
stackless.tasklet(lambda: out.append(rec(10)))()
stackless.run()
print("depths", out, stackless.getcurrent().recursion_depth)
