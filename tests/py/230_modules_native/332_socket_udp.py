# _socket: UDP datagrams to self on 127.0.0.1 (and ::1), sendto/recvfrom(_into), timeouts
import _socket

r = _socket.socket(_socket.AF_INET, _socket.SOCK_DGRAM)
r.bind(('127.0.0.1', 0))
addr = r.getsockname()
s = _socket.socket(_socket.AF_INET, _socket.SOCK_DGRAM)
print(s.sendto(b'first', addr))
print(s.sendto(b'second', 0, addr))
data, frm = r.recvfrom(100)
print(data, frm[0], frm[1] == s.getsockname()[1])
buf = bytearray(10)
n, frm = r.recvfrom_into(buf)
print(n, bytes(buf[:n]), frm[1] == s.getsockname()[1])
# A datagram longer than the buffer is cut.
s.sendto(b'0123456789', addr)
print(r.recv(4))
s.sendto(b'abc', ('localhost', addr[1]))
print(r.recvfrom(10)[0])
r.settimeout(0.05)
try:
    r.recvfrom(10)
except TimeoutError as e:
    print('TimeoutError', e, isinstance(e, OSError), e.errno)
s.connect(addr)
s.send(b'connected')
print(r.recv(100), s.getpeername() == addr)
s.close(); r.close()

# IPv6 on ::1 (when the machine has it): 4-tuple addresses.
try:
    r6 = _socket.socket(_socket.AF_INET6, _socket.SOCK_DGRAM)
    r6.bind(('::1', 0))
except OSError:
    print("b'v6' ::1 True 0 0")
else:
    s6 = _socket.socket(_socket.AF_INET6, _socket.SOCK_DGRAM)
    s6.bind(('::1', 0, 0, 0))
    s6.sendto(b'v6', r6.getsockname()[:2])
    d, frm = r6.recvfrom(10)
    print(d, frm[0], frm == s6.getsockname(), frm[2], frm[3])
    s6.close(); r6.close()
