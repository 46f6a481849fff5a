# atexit: callbacks run at exit in LIFO order with their arguments, errors reported, unregister
import atexit, sys

def show(*args, **kw):
    print('show', args, sorted(kw.items()))
class Bad:
    def __call__(self):
        raise ValueError('boom in atexit')
    def __repr__(self):
        return '<the bad callback>'
bad = Bad()
def extra():
    print('extra')
print(atexit.register(show, 1, 2, k=3) is show)
atexit.register(bad)
atexit.register(show, 'last registered')
atexit.register(extra)
atexit.register(extra)
atexit.unregister(extra)
for call in [lambda: atexit.register(), lambda: atexit.register(1), lambda: atexit.unregister()]:
    try:
        call()
    except TypeError as e:
        print('TypeError', e)
def nested():
    print('nested runs, registers another (not run)')
    atexit.register(lambda: print('registered during exit, never runs'))
atexit.register(nested)
print('main done')
