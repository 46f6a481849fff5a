# _socket: timeouts (poll), blocking modes, default timeout, TimeoutError('timed out')
import _socket, time

print(_socket.timeout is TimeoutError, _socket.error is OSError)
a, b = _socket.socketpair()
print(a.gettimeout(), a.getblocking())
a.settimeout(0.05)
print(a.gettimeout(), a.getblocking(), a.timeout)
t0 = time.monotonic()
try:
    a.recv(10)
except _socket.timeout as e:
    print(type(e).__name__, e.args, 0.04 < time.monotonic() - t0 < 2)
a.settimeout(0)
print(a.gettimeout(), a.getblocking())
try:
    a.recv(10)
except BlockingIOError as e:
    print(type(e).__name__, e.errno, e.strerror)
a.settimeout(None)
print(a.gettimeout(), a.getblocking())
a.setblocking(False)
print(a.gettimeout(), a.getblocking())
a.setblocking(True)
print(a.gettimeout(), a.getblocking())
a.settimeout(3)
print(a.gettimeout())
b.send(b'ready')
print(a.recv(10))

# sendall on a full buffer with a timeout times out.
a.settimeout(0.05)
try:
    a.sendall(b'x' * (1 << 24))
except TimeoutError as e:
    print('sendall', e)
a.close(); b.close()

for bad in (-1, -0.5, float('nan'), 'x', [1]):
    try:
        _socket.setdefaulttimeout(bad)
    except Exception as e:
        print(type(e).__name__, e)
print(_socket.getdefaulttimeout())
_socket.setdefaulttimeout(2.5)
print(_socket.getdefaulttimeout())
s = _socket.socket()
print(s.gettimeout(), s.getblocking())
p, q = _socket.socketpair()
print(p.gettimeout(), q.gettimeout())
_socket.setdefaulttimeout(None)
print(_socket.getdefaulttimeout(), _socket.socket().gettimeout())
s.close(); p.close(); q.close()

# accept with a timeout and nobody connecting.
srv = _socket.socket()
srv.bind(('127.0.0.1', 0))
srv.listen(1)
srv.settimeout(0.02)
try:
    srv._accept()
except TimeoutError as e:
    print('accept', e)
srv.setblocking(False)
try:
    srv._accept()
except BlockingIOError as e:
    print('accept', type(e).__name__, e.errno)
srv.close()
