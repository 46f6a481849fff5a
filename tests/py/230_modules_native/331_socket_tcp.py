# _socket: a TCP server and client on 127.0.0.1 port 0 in one process
import _socket, errno

srv = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
srv.setsockopt(_socket.SOL_SOCKET, _socket.SO_REUSEADDR, 1)
print(srv.getsockopt(_socket.SOL_SOCKET, _socket.SO_REUSEADDR) != 0)
print(srv.getsockopt(_socket.SOL_SOCKET, _socket.SO_TYPE) == _socket.SOCK_STREAM)
print(len(srv.getsockopt(_socket.SOL_SOCKET, _socket.SO_REUSEADDR, 4)))
srv.bind(('127.0.0.1', 0))
host, port = srv.getsockname()
print(host, 0 < port < 65536)
srv.listen()

cli = _socket.socket()
cli.connect(('127.0.0.1', port))
fd, addr = srv._accept()
conn = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM, 0, fd)
print(addr[0], addr == cli.getsockname(), cli.getpeername() == ('127.0.0.1', port))
print(conn.getsockname() == ('127.0.0.1', port), conn.getpeername() == cli.getsockname())

cli.setsockopt(_socket.IPPROTO_TCP, _socket.TCP_NODELAY, 1)
print(cli.getsockopt(_socket.IPPROTO_TCP, _socket.TCP_NODELAY) != 0)
cli.sendall(b'GET / HTTP/1.0\r\n\r\n')
data = b''
while not data.endswith(b'\r\n\r\n'):
    data += conn.recv(4)
print(data)
conn.sendall(b'HTTP/1.0 200 OK\r\n\r\nbody' * 3)
conn.shutdown(_socket.SHUT_RDWR)
reply = b''
while True:
    chunk = cli.recv(7)
    if not chunk:
        break
    reply += chunk
print(reply)
conn.close()
cli.close()

# A non-blocking client: connect_ex goes on in the background; accept on a timeout.
cli = _socket.socket()
cli.setblocking(False)
r = cli.connect_ex(('127.0.0.1', port))
print(r in (0, errno.EINPROGRESS))
srv.settimeout(5)
fd, addr = srv._accept()
conn = _socket.socket(fileno=fd)
print(conn.gettimeout(), conn.family == _socket.AF_INET)
cli.settimeout(5)
cli.sendall(b'ping')
print(conn.recv(10))
conn.close(); cli.close()

# recvfrom on a stream socket gives no address.
cli = _socket.socket()
cli.connect(('127.0.0.1', port))
fd, addr = srv._accept()
conn = _socket.socket(fileno=fd)
conn.send(b'hi')
print(cli.recvfrom(10))
buf = bytearray(5)
conn.send(b'there')
print(cli.recvfrom_into(buf), buf)
conn.close(); cli.close()

# Nobody listens on a bound but idle port: refused.
idle = _socket.socket()
idle.bind(('127.0.0.1', 0))
iport = idle.getsockname()[1]
c = _socket.socket()
print(c.connect_ex(('127.0.0.1', iport)) == errno.ECONNREFUSED)
c.close()
c = _socket.socket()
try:
    c.connect(('127.0.0.1', iport))
except ConnectionRefusedError as e:
    print('ConnectionRefusedError', e.errno == errno.ECONNREFUSED, e.strerror)
c.close()
# The port is taken while idle holds it.
d = _socket.socket()
try:
    d.bind(('127.0.0.1', iport))
except OSError as e:
    print(type(e).__name__, e.errno == errno.EADDRINUSE)
d.close()
idle.close()
srv.close()
