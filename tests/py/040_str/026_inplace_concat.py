# str += on locals: appended in place only while the local holds the only reference (aliases, calls, dict keys, locals(), generators, non-ASCII)
def build(n):
    out = ""
    for i in range(n):
        out += "item %d; " % i
    return out

def alias(n):
    out = ""
    keep = []
    for i in range(n):
        out += "x" * 70
        keep.append(out)          # escapes each round
    return [len(k) for k in keep[:3]], keep[0][:5], len(set(map(len, keep)))

def alias2():
    out = "a" * 100
    out += "b"                    # builder
    t = out                       # escape
    out += "c"
    out += "d"
    return len(t), t[-1], len(out), out[-3:]

def other_slot():
    s = "q" * 100
    s += "r"
    u = s
    u += "z"
    u += "w"
    return s[-2:], u[-3:], len(s), len(u)

def callee(x):
    x += "!" * 80
    x += "?"
    return x

def via_call():
    s = "p" * 100
    s += "1"
    r = callee(s)
    s += "2"
    return len(s), s[-2:], len(r), r[-1]

def hashing():
    s = "k" * 100
    s += "v"
    d = {s: 1}
    s += "w"
    return d.get("k" * 100 + "v"), ("k" * 100 + "vw") == s, hash(s) == hash("k" * 100 + "vw")

def nonascii():
    s = "é" * 40
    for c in "ab€😀":
        s += c * 30
    return len(s), s[-1], s[39], s.encode()[:4]

def locals_escape():
    s = "m" * 100
    s += "n"
    snap = locals()["s"]
    s += "o"
    return len(snap), len(s)

def gen():
    s = ""
    for i in range(50):
        s += "g" * 10
        yield s

print(len(build(1000)), build(10)[-12:])
print(alias(5))
print(alias2())
print(other_slot())
print(via_call())
print(hashing())
print(nonascii())
print(locals_escape())
print([len(x) for x in list(gen())[::10]])

def loop_alias():
    acc = []
    s = "=" * 64
    for i in range(6):
        s += str(i) * 10
        if i % 2:
            acc.append(s)
    s += "end"
    return [len(a) for a in acc], acc[0][-10:], s[-13:]

def reassigned():
    s = "a" * 70
    s += "b"
    old = s
    s = "c" * 70
    s += "d"
    s = old
    s += "e"
    return old[-3:], s[-3:], len(old), len(s)

def walrus():
    s = "w" * 70
    s += "1"
    s += (t := s)
    return len(s), len(t), s[70:72]

def in_except():
    s = "x" * 80
    for i in range(3):
        try:
            s += ("%d" % i) if i != 1 else None
        except TypeError as e:
            print("caught", e)
    return s[-3:], len(s)

print(loop_alias())
print(reassigned())
print(walrus())
print(in_except())
