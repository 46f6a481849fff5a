# Weak references to tasklets and channels, allowed as in Stackless: a registry of them
# (the stress test's) does not keep them alive, and a dead tasklet is released.
import gc
import stackless
import weakref


def f():
    stackless.schedule()


def make():
    t = stackless.tasklet(f)()
    c = stackless.channel()
    return weakref.ref(t), weakref.ref(c), t, c


w, wc, t, c = make()
print(w() is t, wc() is c)
stackless.run()
print(t.alive)
del t, c
gc.collect()
print(w(), wc())


class T(stackless.tasklet):
    pass


x = T(f)
r = weakref.ref(x)
print(r() is x)
reg = weakref.WeakSet()
reg.add(x)
print(len(reg))
