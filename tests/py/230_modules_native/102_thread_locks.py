# _thread: lock and RLock semantics, errors, identity functions and _local
import _thread, time

l = _thread.allocate_lock()
print(type(l) is _thread.LockType, type(l).__name__, type(l).__module__, repr(l).startswith('<unlocked _thread.lock object at 0x'))
print(l.acquire(), l.locked(), repr(l).startswith('<locked _thread.lock object'))
print(l.acquire(False), l.acquire(blocking=False))
t0 = time.monotonic()
print(l.acquire(timeout=0.05), time.monotonic() - t0 >= 0.04)
print(l.acquire(True, 0.01), l.acquire_lock(0))
l.release()
print(l.locked(), l.locked_lock())
for call in [l.release, lambda: l.acquire(False, 1), lambda: l.acquire(timeout=-2), lambda: l.acquire(timeout=1e100),
             lambda: l.acquire(timeout=1e10), lambda: l.acquire(1, 2, 3), lambda: l.acquire(x=1), lambda: l.locked(1)]:
    try:
        print(call())
    except (RuntimeError, ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__, e)
with l:
    print('inside', l.locked())
print('after', l.locked())
try:
    with l:
        raise KeyError('k')
except KeyError as e:
    print('KeyError', e, l.locked())
l.acquire()
l.release_lock()

r = _thread.RLock()
print(type(r).__name__, r.acquire(), r.acquire(), r._is_owned(), r._recursion_count())
print(repr(r).startswith('<locked _thread.RLock object owner=%d count=2 at ' % _thread.get_ident()))
r.release()
r.release()
print(r._is_owned(), r._recursion_count(), repr(r).startswith('<unlocked _thread.RLock object owner=0 count=0'))
try:
    r.release()
except RuntimeError as e:
    print('RuntimeError', e)
with r:
    with r:
        print('nested', r._recursion_count())
r.acquire()
state = r._release_save()
print(state[0], state[1] == _thread.get_ident(), r._is_owned())
r._acquire_restore(state)
print(r._is_owned())
r.release()
class MyRLock(_thread.RLock):
    pass
print(repr(MyRLock()).startswith('<unlocked __main__.MyRLock object owner=0 count=0'))

print(_thread.error is RuntimeError, _thread.TIMEOUT_MAX, _thread._count(), _thread.stack_size())
print(type(_thread.get_ident()).__name__, _thread.get_ident() == _thread.get_ident(), _thread.get_native_id() > 0)
for call in [lambda: _thread.stack_size(100), lambda: _thread.stack_size(-1), lambda: _thread.start_new_thread()]:
    try:
        print(call())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(_thread.allocate is _thread.allocate_lock or _thread.allocate().locked())

loc = _thread._local()
loc.x = 5
print(loc.x, loc.__dict__)
try:
    _thread._local(1)
except TypeError as e:
    print('TypeError', e)
class MyLocal(_thread._local):
    def __init__(self, v):
        self.v = v
m = MyLocal(3)
print(m.v, isinstance(m, _thread._local))
a = _thread._ExceptHookArgs((ValueError, ValueError('x'), None, None))
print(a.exc_type, a.exc_value, a.thread, len(a))
