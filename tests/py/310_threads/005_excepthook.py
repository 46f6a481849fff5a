# An uncaught exception in a thread goes to threading.excepthook; the main thread goes on; SystemExit is quiet
import threading, sys

def boom():
    raise ValueError("bad thing")

def leave():
    sys.exit(3)

seen = []
def hook(args):
    seen.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))

old = threading.excepthook
threading.excepthook = hook
t = threading.Thread(target=boom, name="T1"); t.start(); t.join()
t = threading.Thread(target=leave, name="T2"); t.start(); t.join()
print(seen)
threading.excepthook = old
import io
saved, sys.stderr = sys.stderr, io.StringIO()
t = threading.Thread(target=boom, name="T3"); t.start(); t.join()
text, sys.stderr = sys.stderr.getvalue(), saved
lines = text.splitlines()
print(lines[0], lines[1], lines[-2].strip(), lines[-1], sep="\n")
print("main continues")
