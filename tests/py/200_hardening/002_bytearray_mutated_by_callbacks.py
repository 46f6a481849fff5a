# bytearray natives whose __index__/__iter__ callbacks resize the bytearray they work on
# (cases where CPython 3.11 itself writes or reads through a stale buffer pointer, such as
# b[i] = J() with J.__index__ growing b, are left out: its answer there is undefined)
def run(name, f):
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)
def mk(b, v, act=None):
    class J:
        def __index__(self):
            if act: act(b)
            else: b.clear()
            return v
    return J()
def grow(b): b.extend(b"Z" * 100)
def sset(b, k, v): b[k] = v; return b
def sdel(b, k): del b[k]; return b
b = bytearray(b"abcdefgh"); run("get1", lambda: b[1:mk(b, 4)])
b = bytearray(b"abcdefgh"); run("get2", lambda: b[mk(b, 4):])
b = bytearray(b"abcdefgh"); run("get3", lambda: b[::mk(b, 2)])
b = bytearray(b"abcdefgh"); run("get4", lambda: b[mk(b, 4)])
b = bytearray(b"abcdefgh"); run("get5", lambda: b[1:mk(b, 4, grow)])
b = bytearray(b"abcdefgh"); run("set1", lambda: sset(b, slice(1, mk(b, 4)), b"xy"))
b = bytearray(b"abcdefgh"); run("set2", lambda: sset(b, mk(b, 4), 65))
b = bytearray(b"abcdefgh"); run("set3", lambda: sset(b, slice(1, 7, mk(b, 2)), b"xyz"))
b = bytearray(b"abcdefgh"); run("set5", lambda: sset(b, 1, mk(b, 66)))
b = bytearray(b"abcdefgh"); run("set6", lambda: sset(b, 7, mk(b, 66)))
b = bytearray(b"abcdefgh"); run("set7", lambda: sset(b, slice(1, 3), [mk(b, 66), 67]))
b = bytearray(b"abcdefgh"); run("set8", lambda: sset(b, slice(1, 7, 2), [mk(b, 66), 67, 68]))
b = bytearray(b"abcdefgh"); run("del1", lambda: sdel(b, slice(1, mk(b, 4))))
b = bytearray(b"abcdefgh"); run("del2", lambda: sdel(b, slice(1, 7, mk(b, 2))))
b = bytearray(b"abcdefgh"); run("del3", lambda: sdel(b, mk(b, 4)))
b = bytearray(b"abcdefgh"); run("pop", lambda: b.pop(mk(b, 4)))
b = bytearray(b"abcdefgh"); run("insert", lambda: (b.insert(mk(b, 4), 65), b))
b = bytearray(b"abcdefgh"); run("insert2", lambda: (b.insert(3, mk(b, 65)), b))
b = bytearray(b"abcdefgh"); run("append", lambda: (b.append(mk(b, 65)), b))
b = bytearray(b"abcdefgh"); run("remove", lambda: (b.remove(mk(b, 98)), b))
b = bytearray(b"abcdefgh"); run("extend", lambda: (b.extend([mk(b, 65), 66]), b))
b = bytearray(b"abcdefgh"); run("extend2", lambda: (b.extend(x for x in b if len(b) < 20), b))
b = bytearray(b"abcdefgh"); run("find", lambda: b.find(b"h", mk(b, 1)))
b = bytearray(b"abcdefgh"); run("find3", lambda: b.find(mk(b, 104)))
b = bytearray(b"abcdefgh"); run("count", lambda: b.count(b"a", mk(b, 0)))
b = bytearray(b"abcdefgh"); run("index", lambda: b.index(b"h", mk(b, 1)))
b = bytearray(b"abcdefgh"); run("startswith", lambda: b.startswith(b"b", mk(b, 1)))
b = bytearray(b"abcdefgh"); run("endswith", lambda: b.endswith(b"h", 0, mk(b, 8)))
b = bytearray(b"abcdefgh"); run("mul", lambda: b * mk(b, 2))
b = bytearray(b"abcdefgh"); run("rmul", lambda: mk(b, 2) * b)
def imul(b, n):
    b *= n
    return b
b = bytearray(b"abcdefgh"); run("imul", lambda: imul(b, mk(b, 2)))
b = bytearray(b"abcdefgh"); run("ljust", lambda: b.ljust(mk(b, 12), b"*"))
b = bytearray(b"abcdefgh"); run("center", lambda: b.center(mk(b, 12, grow)))
b = bytearray(b"abcdefgh"); run("zfill", lambda: b.zfill(mk(b, 12)))
b = bytearray(b"abcdefgh"); run("split", lambda: b.split(b"d", mk(b, 1)))
b = bytearray(b"a b c d"); run("split2", lambda: b.split(maxsplit=mk(b, 1)))
b = bytearray(b"a b c d"); run("rsplit", lambda: b.rsplit(b" ", mk(b, 1)))
b = bytearray(b"abcdefgh"); run("replace", lambda: b.replace(b"a", b"b", mk(b, 1)))
b = bytearray(b"ab\tcd"); run("expandtabs", lambda: b.expandtabs(mk(b, 4)))
b = bytearray(b"abcdefgh"); run("contains", lambda: mk(b, 98) in b)
b = bytearray(b"abcdefgh"); run("join", lambda: b.join([b"x", b"y"]))
class BB:
    def __init__(self, b): self.b = b
    def __iter__(self):
        self.b.clear()
        return iter([b"x", b"y"])
b = bytearray(b"--"); run("join2", lambda: b.join(BB(b)))
b = bytearray(b"abcdefgh"); run("hex", lambda: b.hex(b":", mk(b, 2)))
b = bytearray(b"abcdefgh")
def it(b):
    out = []
    for x in b:
        out.append(x)
        if x == 99: b.clear()
    return out
run("iter", lambda: it(b))
b = bytearray(b"abcdefgh"); run("reversed", lambda: list(reversed(b)))
b = bytearray(b"abcdefgh"); run("mod", lambda: bytearray(b"%d%s") % (mk(b, 5), b"x"))
b = bytearray(b"abcdefgh"); run("init", lambda: (b.__init__([mk(b, 65), 66]), b))
b = bytearray(b"abcdefgh"); run("init2", lambda: (b.__init__(mk(b, 3)), b))
