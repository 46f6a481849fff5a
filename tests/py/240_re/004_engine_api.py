# _sre Pattern, Match and Scanner methods, reprs and errors; _sre.compile checks (code from re._compiler, made by tests/re/gen_cases.py)
import _sre


def compile(src, flags, code, groups, groupindex, indexgroup):
    return _sre.compile(src, flags, code, groups, groupindex, indexgroup)


def show(m):
    if m is None:
        return "None"
    return "%r %r %r %r %r" % (m.span(), m.group(0), m.groups(), m.lastindex, m.lastgroup)


def run(p, subjects):
    print("pattern", repr(p.pattern), p.groups, sorted(p.groupindex.items()))
    for s in subjects:
        print(" ", repr(s))
        for name in ("match", "fullmatch", "search"):
            try:
                print("   ", name, show(getattr(p, name)(s)))
            except Exception as e:
                print("   ", name, type(e).__name__, e)
        try:
            print("    findall", p.findall(s))
            print("    finditer", [m.span() for m in p.finditer(s)])
            print("    split", p.split(s), p.split(s, 1))
            print("    sub", repr(p.sub(s[:0], s)), p.subn(lambda m: m.group(0)[::-1], s, 2))
        except Exception as e:
            print("    error", type(e).__name__, e)

p_kv = compile('(?P<key>\\w+)=(?P<val>\\d+)?', 32, [14, 4, 0, 2, 4294967295, 17, 0, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1, 17, 1, 16, 61, 23, 17, 0, 1, 17, 2, 24, 9, 1, 4294967295, 13, 4, 8, 10, 0, 1, 17, 3, 18, 1], 2, {'key': 1, 'val': 2}, (None, 'key', 'val'))
p_ab = compile('(a)(b)?', 32, [14, 8, 1, 1, 2, 1, 0, 97, 0, 17, 0, 16, 97, 17, 1, 23, 9, 0, 1, 17, 2, 16, 98, 17, 3, 18, 1], 2, {}, (None, None, None))
p_word = compile('\\w+', 32, [14, 4, 0, 1, 4294967295, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1, 1], 0, {}, (None,))
p_empty = compile('x*', 32, [14, 4, 0, 0, 4294967295, 24, 6, 0, 4294967295, 16, 120, 1, 1], 0, {}, (None,))
p_bytes = compile(b'(?P<n>\\d+)', 0, [14, 4, 0, 1, 4294967295, 17, 0, 24, 9, 1, 4294967295, 13, 4, 8, 0, 0, 1, 17, 1, 1], 1, {'n': 1}, (None, 'n'))
p_flags = compile('a.b', 122, [14, 4, 0, 3, 3, 40, 97, 3, 40, 98, 1], 0, {}, (None,))
p_ascii = compile('\\w', 256, [14, 7, 4, 1, 1, 8, 4, 0, 13, 4, 8, 4, 0, 1], 0, {}, (None,))
p_long = compile('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 32, [14, 506, 3, 250, 250, 250, 250, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 174, 175, 176, 177, 178, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191, 192, 193, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223, 224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239, 240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 1], 0, {}, (None,))
p_nest = compile('(((a)b)c)', 32, [14, 12, 1, 3, 3, 3, 0, 97, 98, 99, 0, 0, 0, 17, 0, 17, 2, 17, 4, 16, 97, 17, 5, 16, 98, 17, 3, 16, 99, 17, 1, 1], 3, {}, (None, None, None, None))

m = p_kv.search("  alpha=42 beta=")
print(repr(m), bool(m))
print(m.group(), m.group(0), m.group(1), m.group("val"), m.group(1, "key", 2))
print(m[0], m["key"], m[2])
print(m.groups(), m.groupdict(), m.span(), m.span(1), m.span("val"), m.start(), m.end(), m.start(2), m.end("key"))
print(m.regs, m.lastindex, m.lastgroup, m.pos, m.endpos, m.string, m.re is p_kv)
m2 = p_kv.search("beta=")
print(m2.groups(), m2.groups("dflt"), m2.groupdict("-"), m2.span(2), m2.start("val"), m2.lastindex, m2.lastgroup)
print(p_kv.match("alpha=1", 2), p_kv.match("alpha=1", 0, 3), p_kv.search("alpha=1", pos=1, endpos=5))
print(p_kv.match("xx=1", -5), p_kv.match("xx=1", 100), p_kv.search("xx=1", 2, -1))
for bad in (5, "nope", -1, 3, 1.5, None):
    try:
        print(m.group(bad))
    except Exception as e:
        print(type(e).__name__, e)
try:
    m.span(7)
except IndexError as e:
    print("IndexError", e)
print(p_ab.match("a").groups(), p_ab.match("ab").groups(), p_ab.match("a").lastindex, p_ab.match("ab").lastindex)
print(p_nest.match("abc").groups(), p_nest.match("abc").lastindex, p_nest.match("abc").regs)
print(p_kv.groups, p_kv.groupindex, p_kv.flags, p_kv.pattern, p_ab.groupindex)
print(repr(p_kv), repr(p_flags), repr(p_ascii), repr(p_bytes), repr(p_long))
print(p_kv == p_kv, p_kv != p_ab, p_kv == p_ab, p_kv.__copy__() is p_kv, p_kv.__deepcopy__({}) is p_kv)
print(hash(p_kv) == hash(p_kv), type(p_kv).__name__, type(m).__name__, type(p_kv).__module__)
print(type(p_kv)[str], type(m)[bytes])
for bad in (5, None, [1]):
    try:
        p_kv.match(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    p_kv.match(b"a=1")
except TypeError as e:
    print("TypeError", e)
try:
    p_bytes.match("12")
except TypeError as e:
    print("TypeError", e)
mb = p_bytes.search(b"ab 123 c")
print(repr(mb), mb.group("n"), mb.groupdict(), p_bytes.findall(bytearray(b"1 22 333")), p_bytes.split(memoryview(b"a1b2c")))
mba = p_bytes.search(bytearray(b"x77y"))
print(mba.group(), type(mba.group()).__name__, mba.string)
print(p_empty.findall("axxbx"), p_empty.split("axxbx"), p_empty.sub("-", "axxbx"), p_empty.subn("-", "axxbx"))
print([m.span() for m in p_empty.finditer("axxbx")])
print(p_word.sub(lambda m: m.group().upper(), "hello big world", count=2))
print(p_word.sub("X", "a b c", 0), p_word.subn("X", "a b c", 1), p_word.split("a b c", maxsplit=1))
print(p_word.sub(lambda m: None, "a b"))
try:
    p_word.sub(lambda m: 5, "a b")
except TypeError as e:
    print("TypeError", e)
try:
    p_bytes.sub(lambda m: "x", b"a1")
except TypeError as e:
    print("TypeError", e)
try:
    p_word.sub(b"x", "a b")
except TypeError as e:
    print("TypeError", e)
print(p_bytes.sub(bytearray(b"#"), b"a1b22"), p_bytes.sub(lambda m: memoryview(b"!"), b"a1"))
sc = p_word.scanner("one two  three")
print(sc.pattern is p_word, sc.match().span(), sc.match(), sc.match(), sc.search())
sc = p_word.scanner("one two  three")
print(sc.search().span(), sc.search().span(), sc.search().span(), sc.search(), sc.search())
sc = p_empty.scanner("ab")
print([sc.search().span() for i in range(3)], sc.search())
it = p_word.finditer("x y z", 1, 4)
print(next(it).group(), [m.group() for m in it])
print(p_word.fullmatch("abc"), p_word.fullmatch("abc!"), p_word.fullmatch("abc!", 0, 3))
print(p_word.match("héllo wörld").group(), p_word.findall("日本 語"), p_ascii.findall("aé1"))
print(p_word.search("ééé abc", 2).span(), p_word.sub("-", "ü ö"))
for args in [("x", 0, [1], -1, {}, ()), ("x", 0, [], 0, {}, ()), ("x", 0, [0], 0, {}, ()),
             ("x", 0, [17, 5, 1], 0, {}, ()), ("x", 0, [2**32], 0, {}, ()), ("x", 0, [-1], 0, {}, ()),
             ("x", 0, ["a"], 0, {}, ()), ("x", 0, (1,), 0, {}, ()), (5, 0, [1], 0, {}, ()),
             ("x", 0, [13, 100, 1], 0, {}, ()), ("x", 0, [24, 4, 5, 3, 1, 1], 0, {}, ()),
             ("x", 0, [7, 3, 16, 97, 0, 1], 0, {}, ()), ("x", 0, [18, 1], 0, {}, ())]:
    try:
        print(_sre.compile(*args))
    except Exception as e:
        print(type(e).__name__, e)
print(_sre.compile(None, 0, [1], 0, {}, ()).match("abc"), _sre.compile(None, 0, [1], 0, {}, ()).match(b"abc"))
print(_sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS, _sre.getcodesize())
print(_sre.ascii_iscased(65), _sre.ascii_iscased(0xe9), _sre.unicode_iscased(0xe9), _sre.unicode_iscased(0x130), _sre.unicode_iscased(49))
print(_sre.ascii_tolower(65), _sre.ascii_tolower(0xc9), _sre.unicode_tolower(0xc9), _sre.unicode_tolower(0x130), _sre.unicode_tolower(0x1e9e), _sre.unicode_tolower(-5))
for bad in ("a", 2**40):
    try:
        _sre.unicode_tolower(bad)
    except Exception as e:
        print(type(e).__name__, e)
for t in (type(p_kv), type(m), type(sc)):
    try:
        t()
    except TypeError as e:
        print("TypeError", e)
