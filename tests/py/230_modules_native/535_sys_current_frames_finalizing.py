# sys._current_frames() and sys._current_exceptions() for the main thread and a thread
# waiting in a function; sys.is_finalizing() is False while the program runs and True in
# a __del__ that runs at exit.
import sys
import threading
import traceback

entered = threading.Event()
leave = threading.Event()
idents = []

def f123():
    g456()

def g456():
    idents.append(threading.get_ident())
    entered.set()
    try:
        raise ValueError("oops")
    except ValueError:
        leave.wait()

t = threading.Thread(target=f123)
t.start()
entered.wait()
tid = idents[0]
main_id = threading.get_ident()

frames = sys._current_frames()
print(sorted(frames) == sorted([main_id, tid]), all(isinstance(k, int) and k > 0 for k in frames))
print(frames[main_id] is sys._getframe())
names = [fs.name for fs in traceback.extract_stack(frames[tid])]
i = names.index("f123")
print(names[i:i + 2])

excs = sys._current_exceptions()
print(sorted(excs) == sorted([main_id, tid]))
print(excs[main_id])
etype, evalue, etb = excs[tid]
print(etype.__name__, evalue, [fs.name for fs in traceback.extract_stack(etb.tb_frame)][-1])
try:
    raise KeyError("k")
except KeyError:
    print(sys._current_exceptions()[main_id][0].__name__)
leave.set()
t.join()
print(list(sys._current_frames()) == [main_id])

print(sys.is_finalizing())

class AtExit:
    is_finalizing = sys.is_finalizing
    print = print
    def __del__(self):
        self.print("finalizing in __del__:", self.is_finalizing(), flush=True)

ref = AtExit()
