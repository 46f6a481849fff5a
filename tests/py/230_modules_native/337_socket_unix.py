# _socket: AF_UNIX stream and datagram sockets on a path, bytes paths and abstract names
import _socket, os

d = os.path.join(os.environ.get('TMPDIR', '/tmp'), 'slpy-socket-test-%d' % os.getpid())
os.mkdir(d)
path = os.path.join(d, 'sock')
srv = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
srv.bind(path)
print(srv.getsockname() == path, os.path.exists(path))
srv.listen(2)
cli = _socket.socket(_socket.AF_UNIX)
cli.connect(path)
fd, addr = srv._accept()
conn = _socket.socket(fileno=fd)
print(repr(addr), cli.getpeername() == path, conn.getsockname() == path, repr(cli.getsockname()))
cli.sendall(b'over a path')
print(conn.recv(100))
conn.close(); cli.close(); srv.close()
os.unlink(path)

# bytes paths give str names back (decoded with the file-system encoding)
bpath = os.fsencode(os.path.join(d, 'bsock'))
dg = _socket.socket(_socket.AF_UNIX, _socket.SOCK_DGRAM)
dg.bind(bpath)
print(type(dg.getsockname()).__name__, dg.getsockname() == os.fsdecode(bpath))
snd = _socket.socket(_socket.AF_UNIX, _socket.SOCK_DGRAM)
snd.sendto(b'datagram', bpath)
data, frm = dg.recvfrom(100)
print(data, repr(frm))
snd.sendto(b'again', bytearray(bpath))
print(dg.recvfrom(100)[0])
snd.close(); dg.close()
os.unlink(bpath)

# Linux's abstract namespace: names starting with NUL come back as bytes.
name = b'\0slpy-test-' + str(os.getpid()).encode()
ab = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
ab.bind(name)
print(type(ab.getsockname()).__name__, ab.getsockname() == name)
ab.listen()
c = _socket.socket(_socket.AF_UNIX)
c.connect(name)
print(c.getpeername() == name)
c.close(); ab.close()

# Errors: no such path, a path too long, a non-socket.
c = _socket.socket(_socket.AF_UNIX)
try:
    c.connect(os.path.join(d, 'missing'))
except FileNotFoundError as e:
    print('FileNotFoundError', e.errno, e.strerror)
try:
    c.connect('x' * 108)
except OSError as e:
    print(type(e).__name__, e)
c.connect  # still usable
c.close()
os.rmdir(d)
