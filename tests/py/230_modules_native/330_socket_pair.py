# _socket: socketpair echo, recv/recv_into/send/sendall, shutdown and EOF, detach/close
import _socket

a, b = _socket.socketpair()
print(type(a).__name__, type(a).__module__, a.family == _socket.AF_UNIX, a.type == _socket.SOCK_STREAM, a.proto)
print(a.gettimeout(), a.getblocking(), a.timeout)
print(repr(a.getsockname()), repr(b.getpeername()))

print(a.send(b'hello'))
print(b.recv(100))
b.sendall(b'x' * 10)
print(a.recv(4), a.recv(100))

buf = bytearray(8)
a.send(b'abcdefghijklmnop')
print(b.recv_into(buf), buf)
print(b.recv_into(buf, 1), buf)
mv = memoryview(buf)[2:6]
print(b.recv_into(mv), buf)
print(b.recv_into(buffer=buf, nbytes=3, flags=0), buf)
print(a.send(memoryview(b'0123456789')[3:7]), b.recv(10))
print(a.send(bytearray(b'ba')), b.recv(10))
print(b.recv(0))

# A big sendall against a reader that drains in between (non-blocking writer).
payload = bytes(range(256)) * 4096
a.setblocking(False)
got = bytearray()
sent = 0
while sent < len(payload):
    try:
        sent += a.send(payload[sent:sent + 65536])
    except BlockingIOError:
        pass
    while True:
        b.setblocking(False)
        try:
            chunk = b.recv(1 << 20)
        except BlockingIOError:
            break
        got += chunk
    b.setblocking(True)
while len(got) < len(payload):
    got += b.recv(1 << 20)
print(len(got), got == payload)
a.setblocking(True)

a.sendall(b'last')
a.shutdown(_socket.SHUT_WR)
print(b.recv(100), b.recv(100))

# MSG_PEEK leaves the data queued.
b.send(b'peek')
print(a.recv(10, _socket.MSG_PEEK), a.recv(10))

fd = b.detach()
print(b.fileno(), fd >= 0)
c = _socket.socket(fileno=fd)
print(c.family == _socket.AF_UNIX, c.type == _socket.SOCK_STREAM)
c.send(b'via fileno')
print(a.recv(100))
c.close()
print(c.fileno())
c.close()
print(repr(c))
try:
    c.recv(1)
except OSError as e:
    print(type(e).__name__, e.errno, e.strerror)
print(a.recv(10))
a.close()

# Datagram pair keeps message boundaries.
a, b = _socket.socketpair(_socket.AF_UNIX, _socket.SOCK_DGRAM)
a.send(b'one')
a.send(b'two')
print(b.recv(100), b.recv(100))
print(b.recvfrom(100) if False else 'ok')
a.close(); b.close()
