# Every way of making and starting a tasklet: tasklet(f)(...), tasklet(f, args, kwargs),
# bind/setup, bound methods, builtins, subclasses (their own __init__), argument errors.
import stackless

out = []


def f(*args, **kwargs):
    out.append(("f", args, kwargs))


def g(a, b=2):
    out.append(("g", a, b))


class C:
    def m(self, x, y=0):
        out.append(("m", x, y))


class T(stackless.tasklet):
    def __init__(self, func, tag):
        stackless.tasklet.__init__(self, func)
        self.tag = tag


class TupleSub(tuple):
    pass


def show(title, call):
    try:
        t = call()
        print(title, "->", type(t).__name__, t.alive, t.scheduled)
    except Exception as e:
        print(title, "->", type(e).__name__, e)


show("plain", lambda: stackless.tasklet(f)())
show("positional", lambda: stackless.tasklet(f)(1, 2))
show("keywords", lambda: stackless.tasklet(f)(1, k=3))
show("defaults", lambda: stackless.tasklet(g)(1))
show("bound method", lambda: stackless.tasklet(C().m)(5, y=6))
show("builtin", lambda: stackless.tasklet(out.append)(("builtin",)))
show("args tuple", lambda: stackless.tasklet(f, (7, 8))())
show("args tuple only", lambda: stackless.tasklet(f, (7, 8)))
show("args list", lambda: stackless.tasklet(g, [9]).insert())
show("args subclass", lambda: stackless.tasklet(f, TupleSub((10,)), {"z": 1}).insert())
show("kw func", lambda: stackless.tasklet(func=g, args=(11,), kwargs={"b": 12}).insert())
show("unbound", lambda: stackless.tasklet())
show("bind later", lambda: stackless.tasklet().bind(g, (13,)).insert())
show("subclass", lambda: T(f, "tag")(14))
print("subclass tag ->", T(f, "tag2").tag)
show("not callable", lambda: stackless.tasklet(5))
show("too many", lambda: stackless.tasklet(f, (), {}, 4))
show("bad keyword", lambda: stackless.tasklet(f, nope=1))
show("kwargs not dict", lambda: stackless.tasklet(f, (), [1]))
show("bad call", lambda: stackless.tasklet(g)(1, 2, 3))
show("setup twice", lambda: stackless.tasklet(g)(1)(2))
stackless.run()
for item in out:
    print(item)
