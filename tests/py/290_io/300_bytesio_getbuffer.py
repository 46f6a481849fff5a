# io.BytesIO.getbuffer: a writable view of the stream's bytes; resizing while exported raises BufferError
import io

def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

b = io.BytesIO(b"hello world")
m = b.getbuffer()
print(type(m).__name__, type(m.obj).__name__, m.format, m.itemsize, m.readonly, len(m), m.nbytes)
print(bytes(m), m[0], m[-1], bytes(m[6:]))
m[0] = ord("J")
m[6:11] = b"WORLD"
print(b.getvalue(), b.read(5))
# every operation that may resize or free the buffer is refused while the view lives
attempt("write", lambda: b.write(b"xx"))
attempt("write empty", lambda: b.write(b""))
attempt("writelines", lambda: b.writelines([b"a"]))
attempt("truncate", lambda: b.truncate())
attempt("truncate 3", lambda: b.truncate(3))
attempt("close", b.close)
# reading, seeking and copying still work
attempt("seek", lambda: b.seek(100))
attempt("read", lambda: b.read())
attempt("seek 0", lambda: b.seek(0))
attempt("readline", b.readline)
attempt("getvalue", b.getvalue)
attempt("closed", lambda: b.closed)
# a second view is a second export
m2 = b.getbuffer()
m.release()
attempt("write with one view left", lambda: b.write(b"!"))
m2.release()
attempt("released view", lambda: m[0])
attempt("write after release", lambda: b.write(b"!"))
print(b.getvalue())
# a view used as a context manager is released at the end of the block
with b.getbuffer() as view:
    view[1] = ord("E")
    attempt("truncate in with", lambda: b.truncate(2))
attempt("truncate after with", lambda: b.truncate(2))
print(b.getvalue(), b.tell())
# write past the end pads with NUL bytes once no view is alive
b.seek(5)
b.write(b"Z")
print(b.getvalue())
# the view of an empty stream, and of a closed stream
e = io.BytesIO()
ev = e.getbuffer()
print(len(ev), bytes(ev), ev.tolist())
ev.release()
e.close()
attempt("getbuffer closed", e.getbuffer)
# getvalue() is a copy: later writes through a view do not change it
c = io.BytesIO(b"abc")
v = c.getvalue()
cv = c.getbuffer()
cv[0] = ord("x")
print(v, c.getvalue(), cv.tobytes(), cv.hex())
# a view over the BytesIO is a bytes-like object everywhere
print(bytearray(cv), b"-".join([cv, b"!"]), io.BytesIO(cv).read())
cv.release()
c.close()
print("closed", c.closed)
