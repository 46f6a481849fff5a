# collector finalization of coroutines (never awaited: RuntimeWarning) and async generators (finalizer hook)
import gc, sys, warnings

async def coro():
    return 1

def make_coro():
    coro()

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    make_coro()
    gc.collect()
print([(x.category.__name__, str(x.message)) for x in w])

# A coroutine that ran (or was closed) does not warn.
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    def ran():
        c = coro()
        try:
            c.send(None)
        except StopIteration as e:
            print("returned", e.value)
        c2 = coro()
        c2.close()
    ran()
    gc.collect()
print(len(w))

# The warning turned into an error: reported as unraisable.
log = []
sys.unraisablehook = lambda u: log.append((u.exc_type.__name__, str(u.exc_value), type(u.object).__name__))
with warnings.catch_warnings():
    warnings.simplefilter("error")
    make_coro()
    gc.collect()
print(log)

# Async generators: the finalizer hook of sys.set_asyncgen_hooks gets the generator.
async def agen(name):
    try:
        yield 1
        yield 2
    finally:
        print("agen finally", name)

seen = []
def firstiter(g):
    seen.append(("first", g.__name__))
def finalizer(g):
    seen.append(("fin", g.__name__))
    # what an event loop does: schedule aclose(); here run it at once
    try:
        g.aclose().send(None)
    except StopIteration:
        pass

def step(g):
    try:
        g.asend(None).send(None)
    except StopIteration as e:
        return e.value

old = sys.get_asyncgen_hooks()
sys.set_asyncgen_hooks(firstiter, finalizer)
def run_hooked():
    g = agen("hooked")
    step(g)
run_hooked()
gc.collect()
print(seen)
sys.set_asyncgen_hooks(*old)

# Without a hook the suspended async generator is closed like a generator.
def run_plain():
    g = agen("plain")
    step(g)
run_plain()
gc.collect()
print("done")
