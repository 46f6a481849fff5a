# threading.local holds one namespace per thread; a subclass's __init__ runs in each thread
import threading

data = threading.local()
data.x = "main"
out = []

def f(i):
    out.append(hasattr(data, "x"))
    data.x = i
    out.append(data.x)

ts = [threading.Thread(target=f, args=(i,)) for i in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(out, data.x)

class MyLocal(threading.local):
    def __init__(self, v):
        self.v = v
        self.tid = threading.current_thread().name

ml = MyLocal(7)
res = []
def g():
    res.append((ml.v, ml.tid))
    ml.v = 8
t = threading.Thread(target=g, name="other"); t.start(); t.join()
print(res, ml.v, ml.tid)
try:
    data.__dict__ = {}
except AttributeError as e:
    print("AttributeError", e)
print(sorted(data.__dict__))
