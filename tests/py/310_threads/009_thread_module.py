# _thread.start_new_thread: arguments checked, exceptions reported as unraisable, ident/count, sentinel
import _thread, time, sys

done = _thread.allocate_lock()
done.acquire()
box = []
def f(a, b=0):
    box.append((a, b, _thread.get_ident() != main_ident))
    done.release()
main_ident = _thread.get_ident()
_thread.start_new_thread(f, (1,), {"b": 2})
done.acquire()
print(box)
for args in [(1, ()), (f, [1]), (f, (1,), [])]:
    try:
        _thread.start_new_thread(*args)
    except TypeError as e:
        print("TypeError", e)
class Bad:
    def __call__(self):
        raise KeyError("k")
    def __repr__(self):
        return "<Bad>"
_thread.start_new_thread(Bad(), ())
time.sleep(0.02)
print(_thread._count())
print(_thread.stack_size(), _thread.stack_size(65536), _thread.stack_size(0))
