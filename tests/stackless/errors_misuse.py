# Spec 3.1/3.6/5.2/7: misuse raises the spec's exception, the scheduler stays usable,
# and the cases the conformance set does not reach (unbinding the main tasklet while it
# is paused, the Deadlock message naming the channel, switching inside the
# schedule callback).
import stackless


def show(label, fn):
    try:
        r = fn()
        print(label, "->", "ok" if r is None or isinstance(r, stackless.tasklet) else r)
    except BaseException as e:
        print(label, "->", type(e).__name__ + ":", e)


seen = []


def probe():
    # main is paused inside run() (the watchdog): rule 4 of bind applies
    show("unbind paused main", lambda: stackless.main.bind(None))
    show("bind paused main to args", lambda: seen.append(stackless.main.paused))


stackless.tasklet(probe)()
stackless.run()
print("main paused while inside run:", seen)

# Deadlock: the message starts with the spec's text and names the channel and its waiters
c = stackless.channel()
try:
    c.receive()
except RuntimeError as e:
    msg = str(e)
    print(msg.startswith("Deadlock: the last runnable tasklet cannot be blocked."), "channel" in msg, "0 waiting" in msg)
print("balance after deadlock", c.balance, stackless.getruncount())

# a waiter on the channel is counted in the message
c2 = stackless.channel()
w = stackless.tasklet(c2.receive)()
stackless.run()
try:
    c2.receive()
except RuntimeError as e:
    print("1 waiting" in str(e))
c2.send("released")
print("waiter done", w.alive)

# a switch inside the schedule callback stays refused with a clear error (switching
# inside native code works on carriers: carriers_*.py)
other = stackless.tasklet(lambda: None)()
other.remove()
seen = []


def callback(prev, next):
    if not seen:
        try:
            other.run()
        except RuntimeError as e:
            seen.append(1)
            print("callback:", e)


stackless.set_schedule_callback(callback)
stackless.tasklet(lambda: None)()
stackless.run()
stackless.set_schedule_callback(None)
other.kill()


# misuse of a dead or blocked tasklet, then the scheduler still works
t = stackless.tasklet(lambda: None)()
stackless.run()
show("insert dead", t.insert)
show("run dead", t.run)
show("kill dead", t.kill)
show("throw dead", lambda: t.throw(ValueError))
b = stackless.tasklet(c.receive)()
stackless.run()
show("insert blocked", b.insert)
show("remove blocked", b.remove)
show("bind blocked", lambda: b.bind(None))
show("setup blocked", b.setup)
show("switch blocked", b.switch)
show("send to blocked", lambda: c.send(1))
print("blocked after", b.alive, b.blocked, c.balance)
show("kill current", stackless.getcurrent().kill)
show("remove current", stackless.getcurrent().remove)
show("tasklet(non-callable)", lambda: stackless.tasklet(5))
show("bind current", lambda: stackless.getcurrent().bind(lambda: 0))
log = []
stackless.tasklet(log.append)(1)
stackless.tasklet(log.append)(2)
stackless.run()
print("still scheduling", log, stackless.getruncount())
