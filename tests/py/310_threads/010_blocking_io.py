# Blocking I/O parks only its thread: a socket server and client in one process, os.read on a pipe, select
import os, select, socket, threading, time

srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen()
port = srv.getsockname()[1]
log = []

def server():
    conn, _ = srv.accept()
    with conn:
        data = b""
        while not data.endswith(b"\n"):
            chunk = conn.recv(100)
            if not chunk:
                break
            data += chunk
        log.append(("server got", data))
        conn.sendall(data.upper())

t = threading.Thread(target=server)
t.start()
c = socket.create_connection(("127.0.0.1", port))
time.sleep(0.01)
c.sendall(b"hello ")
time.sleep(0.01)
c.sendall(b"world\n")
print(c.recv(100))
c.close()
t.join()
srv.close()
print(log)

r, w = os.pipe()
def writer():
    time.sleep(0.02)
    os.write(w, b"from thread")
threading.Thread(target=writer).start()
print(os.read(r, 100))

def writer2():
    time.sleep(0.02)
    os.write(w, b"x")
threading.Thread(target=writer2).start()
print(select.select([r], [], [], 0.001))
print(select.select([r], [], [], 5)[0] == [r], os.read(r, 1))
p = select.poll()
p.register(r, select.POLLIN)
print(p.poll(10))
os.close(r); os.close(w)
