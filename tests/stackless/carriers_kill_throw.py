# Carriers: kill and throw into a tasklet pinned inside list.sort(key=); its native caller
# sees the exception as an error return and unwinds normally
import stackless


def native_sorted(seq, key):
    # list.sort calls the key natively (sorted() runs a Python key as frames of the loop)
    l = list(seq)
    l.sort(key=key)
    return l

ch = stackless.channel()

def victim():
    try:
        native_sorted([1, 2], lambda x: ch.receive())
    except TaskletExit:
        print("victim got TaskletExit")
        raise
    finally:
        print("victim finally")

v = stackless.tasklet(victim)()
stackless.run()
print("blocked", v.blocked, v.nesting_level > 0, v.restorable, ch.balance)
v.kill()
print("killed", v.alive, ch.balance)

def catcher():
    try:
        native_sorted([1, 2], lambda x: ch.receive())
    except ValueError as e:
        print("catcher caught", e, stackless.getcurrent().nesting_level)
    print("catcher goes on", ch.receive())

c = stackless.tasklet(catcher)()
stackless.run()
c.throw(ValueError("boom"))
print("after throw", c.blocked, c.nesting_level)
ch.send("plain")
print("catcher alive", c.alive)

# paused (not blocked) inside the key function, then killed while not scheduled
def pauser():
    try:
        native_sorted([1], lambda x: stackless.schedule_remove())
    finally:
        print("pauser finally")

p = stackless.tasklet(pauser)()
stackless.run()
print("paused", p.paused, p.nesting_level > 0)
try:
    p.bind(None)
except RuntimeError as e:
    print("bind:", e)
p.kill()
print("pauser alive", p.alive)

# an exception raised inside the key after a hard switch reaches the tasklet's caller
def raiser():
    def key(x):
        stackless.schedule()
        raise KeyError(x)
    try:
        native_sorted([7], key)
    except KeyError as e:
        print("raiser caught KeyError", e)

stackless.tasklet(raiser)()
stackless.tasklet(lambda: print("other between"))()
stackless.run()
print("done", stackless.getruncount())
