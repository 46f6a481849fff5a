# gc: the switches, thresholds, is_tracked, callbacks and errors (counts vary: only their types are printed)
import gc

print(gc.isenabled(), gc.get_threshold(), gc.get_debug(), gc.garbage, gc.callbacks)
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
gc.set_threshold(500)
print(gc.get_threshold())
gc.set_threshold(600, 5, 6)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
n = gc.collect()
print(type(n).__name__, n >= 0, type(gc.collect(0)).__name__, type(gc.collect(generation=1)).__name__)
c = gc.get_count()
print(type(c).__name__, len(c), all(type(x) is int for x in c))
for call in [lambda: gc.collect(3), lambda: gc.collect(-1), lambda: gc.collect('a'), lambda: gc.set_threshold(),
             lambda: gc.set_threshold(1, 2, 3, 4), lambda: gc.is_tracked(), lambda: gc.get_objects(5),
             lambda: gc.set_threshold(1.5)]:
    try:
        print(call())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
class A:
    pass
def f():
    pass
for obj in [1, 2.5, 'x', b'y', None, True, [], {}, {1: 2}, {'a': []}, {'a': {}}, (), A(), A, f, {1}, range(2), 3j]:
    print(gc.is_tracked(obj), end=' ')
print()
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
gc.set_debug(0)
phases = []
def cb(phase, info):
    phases.append((phase, sorted(info), info['generation']))
gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
print(phases)
gc.freeze()
print(gc.get_freeze_count() > 0)
gc.unfreeze()
print(gc.get_freeze_count())
marker = A()
objs = gc.get_objects()
print(any(o is marker for o in objs), type(objs).__name__, gc.get_objects(0) == [] or True)
stats = gc.get_stats()
print(len(stats), sorted(stats[0]))
print(gc.is_finalized(marker))
