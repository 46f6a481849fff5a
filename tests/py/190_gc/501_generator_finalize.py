# unreachable suspended generators are closed by the collector: finally blocks, with exits, yield from
import gc, sys

log = []
sys.unraisablehook = lambda u: log.append((u.exc_type.__name__, str(u.exc_value), type(u.object).__name__))

def gen(name):
    try:
        yield 1
        yield 2
    finally:
        print("finally", name)

class Ctx:
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        print("exit", exc[0].__name__ if exc[0] else None)

def gen_with():
    with Ctx():
        yield "in with"

def outer():
    try:
        yield from gen("inner")
    finally:
        print("finally outer")

def start(g):
    next(g)

start(gen("a"))
gc.collect()
print("after a")
start(gen_with())
gc.collect()
print("after with")
start(outer())
gc.collect()
print("after yield from")

# Never started or finished: nothing runs.
def make_idle():
    gen("never started")
    g = gen("finished")
    for _ in g:
        pass
make_idle()
gc.collect()
print("after idle")

# A generator that ignores GeneratorExit: RuntimeError reported as unraisable.
def stubborn():
    while True:
        try:
            yield
        except GeneratorExit:
            print("ignoring")
start(stubborn())
gc.collect()
# A finally that raises.
def bad():
    try:
        yield
    finally:
        raise KeyError("in finally")
start(bad())
gc.collect()
print(log)

# A generator in a cycle with itself (its frame holds it).
def selfref():
    me = yield
    try:
        yield
    finally:
        print("finally selfref", me is not None)
def make_selfref():
    g = selfref()
    next(g)
    g.send(g)
make_selfref()
gc.collect()
print("done")
