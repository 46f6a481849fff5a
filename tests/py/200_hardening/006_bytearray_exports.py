# BufferError when a bytearray with a live memoryview (or joining) would change size
def run(name, f):
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)
def locked(op):
    b = bytearray(b"abcdef")
    m = memoryview(b)
    try:
        r = op(b)
        res = "ok %r" % (b,)
    except BufferError as e:
        res = "BufferError %s %r" % (e, b)
    m.release()
    op(b) if not res.startswith("ok") else None
    return res + " after release: %r" % (b,)
def iadd(b): b += b"xy"
def iadd0(b): b += b""
def imul(b): b *= 2
def imul1(b): b *= 1
def imul0(b): b *= 0
def dels(b): del b[1:3]
def dels0(b): del b[1:1]
def delx(b): del b[::2]
def delx0(b): del b[10::2]
def deli(b): del b[0]
def sets(b): b[1:3] = b"xyz"
def sets_same(b): b[1:3] = b"xy"
def setx(b): b[::2] = b"xyz"
def seti(b): b[0] = 65
run("append", lambda: locked(lambda b: b.append(1)))
run("extend", lambda: locked(lambda b: b.extend(b"xy")))
run("extend0", lambda: locked(lambda b: b.extend(b"")))
run("extend_it", lambda: locked(lambda b: b.extend(iter([1, 2]))))
run("clear", lambda: locked(lambda b: b.clear()))
run("pop", lambda: locked(lambda b: b.pop()))
run("remove", lambda: locked(lambda b: b.remove(99)))
run("remove_missing", lambda: locked(lambda b: b.remove(1)) if False else "skip")
run("insert", lambda: locked(lambda b: b.insert(0, 65)))
run("iadd", lambda: locked(iadd))
run("iadd0", lambda: locked(iadd0))
run("imul", lambda: locked(imul))
run("imul1", lambda: locked(imul1))
run("imul0", lambda: locked(imul0))
run("dels", lambda: locked(dels))
run("dels0", lambda: locked(dels0))
run("delx", lambda: locked(delx))
run("delx0", lambda: locked(delx0))
run("deli", lambda: locked(deli))
run("sets", lambda: locked(sets))
run("sets_same", lambda: locked(sets_same))
run("setx", lambda: locked(setx))
run("seti", lambda: locked(seti))
run("init", lambda: locked(lambda b: b.__init__(b"xyz")))
run("reverse", lambda: locked(lambda b: b.reverse()))
def popempty():
    b = bytearray()
    m = memoryview(b)
    try: b.pop()
    except Exception as e: return type(e).__name__ + " " + str(e)
run("popempty", popempty)
def popidx():
    b = bytearray(b"ab")
    m = memoryview(b)
    try: b.pop(5)
    except Exception as e: return type(e).__name__ + " " + str(e)
run("popidx", popidx)
def rmmissing():
    b = bytearray(b"ab")
    m = memoryview(b)
    try: b.remove(5)
    except Exception as e: return type(e).__name__ + " " + str(e)
run("rmmissing", rmmissing)
def clear_empty():
    b = bytearray()
    m = memoryview(b)
    b.clear()
    return b
run("clear_empty", clear_empty)
def slice_view():
    b = bytearray(b"abcdef")
    m = memoryview(b)
    s = m[1:4]
    m.release()
    out = []
    try: b.append(1)
    except BufferError as e: out.append(str(e))
    s.release()
    b.append(1)
    out.append(bytes(b))
    return out
run("slice_view", slice_view)
def view_of_view():
    b = bytearray(b"abcdef")
    m = memoryview(b)
    m2 = memoryview(m)
    m.release()
    out = []
    try: b.append(1)
    except BufferError as e: out.append(str(e))
    del m2
    b.append(1)
    out.append(bytes(b))
    return out
run("view_of_view", view_of_view)
def with_view():
    b = bytearray(b"abc")
    out = []
    with memoryview(b) as m:
        try: b.extend(b"de")
        except BufferError as e: out.append(str(e))
        out.append(m.tobytes())
    b.extend(b"de")
    out.append(bytes(b))
    return out
run("with_view", with_view)
def temp_views():
    b = bytearray(b"abcdef")
    x = bytes(memoryview(b)[1:3])
    y = memoryview(b)[0]
    memoryview(b).tobytes()
    b.append(1)
    b.extend(b"xyz")
    return x, y, bytes(b)
run("temp_views", temp_views)
def del_view():
    b = bytearray(b"abc")
    m = memoryview(b)
    del m
    b.append(100)
    return b
run("del_view", del_view)
def loop_views():
    b = bytearray()
    for i in range(200):
        m = memoryview(b)
        n = len(m)
        m.release()
        b.append(i % 256)
    return len(b), sum(b)
run("loop_views", loop_views)
def func_views():
    b = bytearray(b"x")
    def f():
        m = memoryview(b)
        return len(m)
    for i in range(50):
        f()
        b.append(65)
    return len(b)
run("func_views", func_views)
def held_in_list():
    b = bytearray(b"abc")
    keep = [memoryview(b)]
    try: b.append(1)
    except BufferError as e: return str(e)
run("held_in_list", held_in_list)
def subclass():
    class BA(bytearray): pass
    b = BA(b"abc")
    m = memoryview(b)
    try: b.append(1)
    except BufferError as e: return str(e)
run("subclass", subclass)
def join_self():
    b = bytearray(b"-")
    def g():
        yield b"a"
        b.append(1)
        yield b"b"
    try: return b.join(g())
    except BufferError as e: return str(e), b
run("join_self", join_self)
def join_ok():
    b = bytearray(b"-")
    r = b.join([b"a", b"b"])
    b.append(45)
    return r, b
run("join_ok", join_ok)
def mv_index_release():
    b = bytearray(b"abc")
    m = memoryview(b)
    class I:
        def __index__(self): m.release(); return 1
    out = []
    try: m[I()]
    except ValueError as e: out.append(str(e))
    m = memoryview(b)
    try: m[I()] = 5
    except ValueError as e: out.append(str(e))
    m = memoryview(b)
    s = m[0:I()]
    out.append(s.tobytes())
    try: b.append(1)
    except BufferError as e: out.append(str(e))
    s.release()
    b.append(1)
    out.append(bytes(b))
    return out
run("mv_index_release", mv_index_release)
def bytes_view():
    b = b"abc"
    m = memoryview(b)
    return m[1], bytes(m[::2])
run("bytes_view", bytes_view)
def gc_between():
    b = bytearray(b"abc")
    m = memoryview(b)
    junk = [[i] for i in range(20000)]
    try: b.append(1)
    except BufferError as e: return str(e)
run("gc_between", gc_between)
def ext_assign():
    out = []
    for k, v in [(slice(None, None, 2), b""), (slice(None, None, -2), b""), (slice(10, None, 2), b""), (slice(None, None, 2), b"xyz"), (slice(None, None, 2), [])]:
        b = bytearray(b"abcdef")
        try:
            b[k] = v
            out.append(bytes(b))
        except Exception as e: out.append(type(e).__name__ + str(e))
    for k in [slice(None, None, 2), slice(None, None, -1), slice(4, 1), slice(4, 1, -1), slice(10, None, 3)]:
        b = bytearray(b"abcdef")
        del b[k]
        out.append(bytes(b))
    return out
run("ext_assign", ext_assign)
# an operand's buffer is exported while self is resized: b += b is refused, copies are not
def iadd(b, o):
    b += o
    return b
b = bytearray(b"ab"); run("iadd_other", lambda: iadd(b, bytearray(b"cd")))
b = bytearray(b"ab"); run("iadd_self", lambda: iadd(b, b))
b = bytearray(b""); run("iadd_self_empty", lambda: iadd(b, b))
b = bytearray(b"ab"); run("extend_self", lambda: b.extend(b) or b)
b = bytearray(b"ab"); run("init_self", lambda: b.__init__(b) or b)
b = bytearray(b"ab"); run("iadd_view", lambda: iadd(b, memoryview(b)))
b = bytearray(b"ab"); run("extend_view", lambda: b.extend(memoryview(b)) or b)
b = bytearray(b"ab"); run("setslice_view", lambda: b.__setitem__(slice(1, 1), memoryview(b)) or b)
b = bytearray(b"ab"); run("setslice_self", lambda: b.__setitem__(slice(1, 1), b) or b)
