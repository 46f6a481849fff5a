# __del__ runs when gc.collect() finds an object unreachable: once (PEP 442), cycles, resurrection, errors
import gc, sys

log = []
def hook(u):
    log.append((u.exc_type.__name__, str(u.exc_value), u.err_msg, getattr(u.object, '__qualname__', None)))
sys.unraisablehook = hook

class C:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)

def make_plain():
    C(1)

def make_cycle():
    a = C(2); b = C(3)
    a.other = b; b.other = a

make_plain()
gc.collect()
print("after plain")
make_cycle()
gc.collect()
print("after cycle")

# A finalizer that resurrects its object: the object stays, __del__ never runs again.
saved = []
class R:
    def __del__(self):
        print("resurrect")
        saved.append(self)

def make_r():
    R()
make_r()
gc.collect()
print(len(saved), gc.is_finalized(saved[0]), gc.is_finalized(object()))
saved.clear()
gc.collect()
gc.collect()
print("resurrected one freed without a second __del__")

# Errors are reported through sys.unraisablehook, then the next finalizer runs.
class E:
    def __del__(self):
        raise ValueError("boom")
def make_e():
    E(); C(4)
make_e()
gc.collect()
print(log)

# Inheritance: a subclass inherits __del__; super().__del__ works.
class D(C):
    def __del__(self):
        print("D.__del__")
        super().__del__()
def make_d():
    D(5)
make_d()
gc.collect()

# __del__ added to the class after it was made (before the instance) and removed again.
class Later:
    pass
Later.__del__ = lambda self: print("late del")
def make_later():
    Later()
make_later()
gc.collect()
del Later.__del__
make_later()
gc.collect()
print("no del after removal")

# A finalizer that allocates a lot (and so collects) while others wait.
class Big:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        junk = [[i] for i in range(20000)]
        order.append(self.n)
order = []
def make_big():
    for i in range(5):
        Big(i)
make_big()
gc.collect()
print(sorted(order))

# weakrefs to an object with __del__ are cleared once it is freed
import weakref
class W:
    def __del__(self):
        print("W del, ref alive:", r() is not None)
def make_w():
    global r
    w = W()
    r = weakref.ref(w)
make_w()
gc.collect()
gc.collect()
print("ref after:", r())

# __class__ assigned to a class with __del__: that __del__ runs.
class Plain:
    pass
class WithDel:
    def __del__(self):
        print("WithDel.__del__ after __class__ assignment")
def make_switched():
    p = Plain()
    p.__class__ = WithDel
make_switched()
gc.collect()
print("end")
