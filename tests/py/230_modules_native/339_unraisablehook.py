# sys.unraisablehook: the hook sees UnraisableHookArgs for thread, weakref-callback and atexit errors; a failing hook is reported; the default prints CPython's text
import io, re, sys, _thread, time, weakref, gc

def show(a):
    name = getattr(a.object, "__name__", a.object)
    print("hook:", a.exc_type.__name__, a.exc_value, a.exc_traceback is not None, repr(a.err_msg), name,
          type(a).__name__, len(a), tuple(a)[:2] == (a.exc_type, a.exc_value))

print(sys.unraisablehook is sys.__unraisablehook__, sys.unraisablehook.__name__)
sys.unraisablehook = show

def failing():
    raise ValueError("in thread")
_thread.start_new_thread(failing, ())
time.sleep(0.05)

class C:
    pass
def callback(ref):
    1 / 0
c = C()
r = weakref.ref(c, callback)
del c
gc.collect()

def bad_hook(a):
    raise KeyError("in hook")
sys.unraisablehook = bad_hook
captured = io.StringIO()
sys.stderr = captured
_thread.start_new_thread(failing, ())
time.sleep(0.05)
sys.unraisablehook = sys.__unraisablehook__
_thread.start_new_thread(failing, ())
time.sleep(0.05)
sys.stderr = sys.__stderr__
print(re.sub(r"0x[0-9a-f]+", "0x...", re.sub(r"File \".*/", "File \"", captured.getvalue())))

for bad in (1, None):
    try:
        sys.__unraisablehook__(bad)
    except TypeError as e:
        print("TypeError:", e)
