# select.select and select.poll on pipes: readiness, timeouts, register/modify/unregister, errors
import os
import select
import selectors
import time

r, w = os.pipe()
names = {}

def show(x):
    # The descriptors by name: their numbers depend on what the interpreter has open.
    if isinstance(x, int) and x in names:
        return names[x]
    if isinstance(x, (list, tuple)):
        return type(x)(show(i) for i in x)
    return x

names = {r: 'r', w: 'w'}
print(show(select.select([r], [w], [], 0)))
os.write(w, b'data')
print(show(select.select([r], [], [], 0)))
print(show(select.select([r], [], [], 1.0)))

class F:
    def __init__(self, fd): self.fd = fd
    def fileno(self): return self.fd
    def __repr__(self): return 'F(%s)' % names[self.fd]
print(select.select([F(r)], [F(w)], [F(r)], 0))
os.read(r, 100)
t0 = time.monotonic()
print(select.select([r], [], [], 0.05), time.monotonic() - t0 >= 0.04)

p = select.poll()
p.register(r, select.POLLIN)
p.register(w, select.POLLOUT)
print(sorted((names[fd], ev) for fd, ev in p.poll(0)))
os.write(w, b'x')
print(sorted((names[fd], ev) for fd, ev in p.poll(10)))
p.modify(w, select.POLLIN)
print(sorted((names[fd], ev) for fd, ev in p.poll(0)))
p.unregister(w)
print([(names[fd], ev) for fd, ev in p.poll()])
os.read(r, 1)
print(p.poll(0), p.poll(20.5), p.poll(-1 if False else 0))
os.close(w)
print(p.poll(None) == [(r, select.POLLHUP)])
os.close(r)
print(p.poll(0) == [(r, select.POLLNVAL)])

def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

attempt('timeout str', lambda: select.select([], [], [], 'x'))
attempt('timeout neg', lambda: select.select([], [], [], -1))
attempt('not seq', lambda: select.select(1, [], []))
attempt('bad item', lambda: select.select(['a'], [], [], 0))
attempt('neg fd', lambda: select.select([-1], [], [], 0))
attempt('big fd', lambda: select.select([100000], [], [], 0))
attempt('nan', lambda: select.select([], [], [], float('nan')))
attempt('closed fd', lambda: select.select([r], [], [], 0))
attempt('poll timeout', lambda: p.poll('x'))
attempt('modify missing', lambda: p.modify(12345, 1))
attempt('unregister missing', lambda: p.unregister(12345))
attempt('register neg', lambda: p.register(-1))
attempt('mask big', lambda: p.register(0, 1 << 20))
attempt('mask neg', lambda: p.register(0, -1))
attempt('poll args', lambda: select.poll(1))
print(type(p).__name__, type(p).__module__, select.error is OSError)
print(select.POLLIN, select.POLLPRI, select.POLLOUT, select.POLLERR, select.POLLHUP, select.POLLNVAL, select.PIPE_BUF)

# selectors on top of poll
r, w = os.pipe()
sel = selectors.PollSelector()
sel.register(r, selectors.EVENT_READ, 'reader')
print(sel.select(0))
os.write(w, b'!')
print([(k.fd == r, k.data, ev) for k, ev in sel.select(1)])
sel.close()
sel = selectors.SelectSelector()
sel.register(w, selectors.EVENT_WRITE, 'writer')
print([(k.data, ev) for k, ev in sel.select(1)])
sel.close()
os.close(r)
os.close(w)
