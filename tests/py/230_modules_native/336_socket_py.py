# socket.py over _socket: enums, context managers, accept, makefile, create_server/connection
import socket

print(socket.AF_INET, repr(socket.AF_INET), repr(socket.SOCK_STREAM), socket.has_ipv6)
print(issubclass(socket.socket, socket.SocketType), socket.error is OSError, socket.timeout is TimeoutError)

a, b = socket.socketpair()
with a, b:
    print(type(a).__name__, a.family, a.type, a.proto)
    a.sendall(b'line one\nline two\n')
    a.shutdown(socket.SHUT_WR)
    with b.makefile('r', encoding='utf-8') as f:
        print(f.readline().rstrip(), '|', f.read().rstrip())
    d = b.dup()
    print(d.family == b.family, d.fileno() != b.fileno())
    d.close()
print(a._closed, a.fileno())
print(repr(a))

with socket.create_server(('127.0.0.1', 0)) as srv:
    port = srv.getsockname()[1]
    print(srv.family, srv.type, srv.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
    with socket.create_connection(('127.0.0.1', port), timeout=5) as cli:
        conn, addr = srv.accept()
        with conn:
            print(type(conn).__name__, addr == cli.getsockname(), conn.gettimeout(), cli.gettimeout())
            w = cli.makefile('wb')
            w.write(b'through a buffered file\n')
            w.flush()
            w.close()
            r = conn.makefile('rb')
            print(r.readline())
            r.close()
            conn.sendall(b'bye')
            print(cli.recv(10))

srv = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
srv.bind(('127.0.0.1', 0))
c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
c.sendto(b'dgram', srv.getsockname())
print(srv.recvfrom(10)[0])
c.close(); srv.close()

print(socket.getaddrinfo('127.0.0.1', 80, socket.AF_INET, socket.SOCK_STREAM))
print(socket.getfqdn('127.0.0.1') != '')
s = socket.socket()
s.settimeout(0.01)
s.bind(('127.0.0.1', 0))
s.listen()
try:
    s.accept()
except socket.timeout as e:
    print('timeout', e)
s.close()
try:
    s.getsockname()
except OSError as e:
    print(type(e).__name__, e.errno)
