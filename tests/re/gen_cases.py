#!/usr/bin/env python3
"""Writes golden tests of tests/py/240_re/ that drive _sre.compile directly.

Each pattern is compiled here by CPython 3.11's re._compiler (run with python3), and
the code list it produces is embedded in the test program, which calls
_sre.compile(pattern, flags, code, groups, groupindex, indexgroup) itself: so the
engine can be tested without the re package (and the same program runs in CPython,
which makes its expected output).

    python3 tests/re/gen_cases.py        # rewrites tests/py/240_re/0NN_engine_*.py
"""
import os
import sys
import re
from re import _compiler, _parser

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "py", "240_re")

HEADER = '''# {title} (code from re._compiler, made by tests/re/gen_cases.py)
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

'''


def code_of(pattern, flags=0):
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = p.state.groupdict
    indexgroup = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return (flags | p.state.flags, [int(c) for c in code], p.state.groups - 1, dict(groupindex), tuple(indexgroup))


def emit(name, title, cases):
    lines = [HEADER.format(title=title)]
    for pattern, flags, subjects in cases:
        f, code, groups, gi, ig = code_of(pattern, flags)
        lines.append("run(compile(%r, %d, %r, %d, %r, %r),\n    %r)\n" % (pattern, f, code, groups, gi, ig, subjects))
    path = os.path.join(OUT, name)
    with open(path, "w") as out:
        out.write("".join(lines))
    print("wrote", path)


BASIC = [
    ("abc", 0, ["abc", "xabcy", "ab", "", "abcabc"]),
    ("a.c", 0, ["abc", "a\nc", "aXcaYc"]),
    ("a.c", re.S, ["a\nc"]),
    ("^ab|cd$", re.M, ["ab\ncd", "xab\ncdx", "cd\n"]),
    (r"\bfoo\b", 0, ["foo bar", "foobar", "a foo."]),
    (r"\Bo\B", 0, ["foo", "bob"]),
    (r"\Aa\Z", 0, ["a", "a\n"]),
    ("a$", 0, ["a\n", "a\n\n"]),
    (r"(\d+)-(\d+)", 0, ["10-20 and 3-4", "x-1"]),
    (r"(?P<key>\w+)=(?P<val>[^;]*);?", 0, ["a=1;b=2;c=", "=x"]),
    ("[a-f0-9]+", 0, ["deadbeef!cafe", "XYZ"]),
    ("[^aeiou ]+", 0, ["hello world"]),
    (r"[\s,]+", 0, ["a, b,,c  d"]),
    (r"\W+", 0, ["hi! there? ok"]),
    ("x*", 0, ["axxb", "", "xx"]),
    ("", 0, ["abc", ""]),
    ("a|b|c", 0, ["cab", "d"]),
    ("(a|ab)(c|bcd)(d*)", 0, ["abcd"]),
    ("(a+)+b", 0, ["aaab", "aaaa"]),
    ("a{2,3}", 0, ["aaaa", "a", "aaaaaaa"]),
    ("a{2,3}?", 0, ["aaaa"]),
    ("(ab){2}", 0, ["ababab", "ab"]),
    ("(a)|(b)", 0, ["b", "a", "c"]),
    ("(a)?(b)?c", 0, ["bc", "ac", "c"]),
    (r"(a*)*", 0, ["aaa", "b"]),
    (r"(a*)+", 0, ["aaa", "b"]),
    (r"(a|b)*?c", 0, ["abac", "c"]),
    (r"(?:x|y)*z", 0, ["xyxz", "z", "xy"]),
    (r"<.*>", 0, ["<a><b>"]),
    (r"<.*?>", 0, ["<a><b>"]),
    (r"(\w+)\s+\1", 0, ["hello hello world", "ab ab", "ab ac"]),
    (r"(?P<q>['\"]).*?(?P=q)", 0, ["say 'hi' or \"bye\""]),
    (r"(a)?(?(1)b|c)", 0, ["ab", "c", "ac", "b"]),
    (r"(?<=a)b", 0, ["ab", "cb", "abab"]),
    (r"(?<!a)b", 0, ["ab", "cb"]),
    (r"foo(?=bar)", 0, ["foobar", "foobaz"]),
    (r"foo(?!bar)", 0, ["foobar", "foobaz"]),
    (r"(?=(\w+))\w", 0, ["abc"]),
    (r"a++b", 0, ["aaab", "aaa"]),
    (r"a*+a", 0, ["aaaa"]),
    (r"(?>a+)b", 0, ["aab"]),
    (r"(?>a|ab)c", 0, ["abc", "ac"]),
    (r"(?:ab)++c", 0, ["ababc", "abab"]),
    (r"(?:a|b)*+b", 0, ["aab"]),
    (r"\d{2,}?x", 0, ["12345x"]),
    (r"(a)(?:(b)|c)*", 0, ["abcb", "acb", "abc"]),
    (r"(?:(a)|b)*", 0, ["ab", "ba"]),
    (r"((a)|b)+", 0, ["ab", "ba"]),
    (r"(a|b)*?(b)", 0, ["aab"]),
    (r"x(?:y|(z))*w", 0, ["xyzyw", "xzyw"]),
]

FLAGS = [
    ("abc", re.I, ["ABC", "aBc", "xAbC"]),
    ("[a-z]+", re.I, ["Hello WORLD"]),
    ("straße", re.I, ["STRASSE", "STRAßE", "strasse"]),
    ("ΣΑΣ", re.I, ["σας", "ςας", "σαΣ"]),
    ("[ǅ]", re.I, ["Ǆ", "ǆ", "ǅ"]),
    ("k", re.I, ["K", "\u212a", "k"]),
    ("[k-m]+", re.I, ["\u212aLM", "klm"]),
    ("i", re.I, ["I", "\u0130", "\u0131"]),
    (r"(\w)\1", re.I, ["aA", "Aa", "ab"]),
    (r"\w+", 0, ["héllo wörld 日本語 x1_", "١٢٣"]),
    (r"\w+", re.A, ["héllo wörld"]),
    (r"\d+", 0, ["12 ٣٤ ５６"]),
    (r"\d+", re.A, ["12 ٣٤"]),
    (r"\s+", 0, ["a\u3000b\x1cc d"]),
    (r"\s+", re.A, ["a\u3000b\x1cc d"]),
    (r".+", 0, ["ab\u2028cd\ne"]),
    (r"^\w", re.M, ["a\nb\u2028c\rd"]),
    ("[\u0100-\u0200]+", 0, ["a\u0101\u01ffz", "\U0001f600"]),
    ("[\U0001f600-\U0001f64f]+", 0, ["hi \U0001f600\U0001f601!"]),
    ("[^\U0001f600]", 0, ["\U0001f600x"]),
    ("é+", 0, ["café éé"]),
    ("[αβγ]+", re.I, ["ΑΒΓ αβγ"]),
    ("[\u4e00-\u9fff]+", 0, ["abc中文字def"]),
    ("[a-zà-ÿ]+", re.I, ["ÀÉÎ xyz"]),
]

BYTES = [
    (b"abc", 0, [b"xabcx", b"ab"]),
    (rb"\w+", 0, [b"hello w\xe9rld"]),
    (rb"[\x80-\xff]+", 0, [b"ab\x80\x90\xffcd"]),
    (rb"(\d+)", 0, [b"a1b22c333"]),
    (b"ab", re.I, [b"AB", b"aB"]),
    (rb"\s+", 0, [b"a \t\nb\x1cc"]),
    (rb"(?P<x>a)(?P=x)", 0, [b"aa", b"ab"]),
]


if __name__ == "__main__":
    emit("001_engine_basic.py", "_sre engine: literals, classes, anchors, repeats, groups, lookarounds", BASIC)
    emit("002_engine_unicode.py", "_sre engine: IGNORECASE, Unicode classes and case folding, wide characters", FLAGS)
    emit("003_engine_bytes.py", "_sre engine: bytes patterns and subjects", BYTES)


API_PATTERNS = {
    "p_kv": (r"(?P<key>\w+)=(?P<val>\d+)?", 0),
    "p_ab": (r"(a)(b)?", 0),
    "p_word": (r"\w+", 0),
    "p_empty": (r"x*", 0),
    "p_bytes": (rb"(?P<n>\d+)", 0),
    "p_flags": (r"a.b", re.I | re.M | re.S | re.X),
    "p_ascii": (r"\w", re.A),
    "p_long": ("x" * 250, 0),
    "p_nest": (r"(((a)b)c)", 0),
}

API_BODY = r'''
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
'''


def emit_api(name, title):
    lines = [HEADER.format(title=title)]
    for var, (pattern, flags) in API_PATTERNS.items():
        f, code, groups, gi, ig = code_of(pattern, flags)
        lines.append("%s = compile(%r, %d, %r, %d, %r, %r)\n" % (var, pattern, f, code, groups, gi, ig))
    lines.append(API_BODY)
    path = os.path.join(OUT, name)
    with open(path, "w") as out:
        out.write("".join(lines))
    print("wrote", path)


if __name__ == "__main__":
    emit_api("004_engine_api.py", "_sre Pattern, Match and Scanner methods, reprs and errors; _sre.compile checks")


BENCH_PATTERNS = {
    "p_literal": (r"needle", 0),
    "p_words": (r"\w+", 0),
    "p_space": (r"\s+", 0),
    "p_email": (r"([a-z0-9._%+-]+)@([a-z0-9.-]+)\.([a-z]{2,})", re.I),
    "p_alt": (r"(?:foo|bar|baz|qux)\d+", 0),
    "p_backtrack": (r"(a|b)*c", 0),
    "p_kv": (r"(?P<k>\w+)\s*=\s*(?P<v>[^;]*);", 0),
}

BENCH_BODY = r'''
text = ("lorem ipsum dolor sit amet, consectetur adipiscing elit; foo12 bar7 "
        "user.name+tag@example.com other@mail.example.org key = value; ") * 2000
utext = text.replace("o", "ö").replace("e", "é")
lines = text.split(";")

def bench():
    out = []
    out.append(len(p_words.findall(text)))
    out.append(len(p_words.findall(utext)))
    out.append(len(p_space.sub(" ", text)))
    out.append(p_literal.search(text + "needle").start())
    out.append(len(p_email.findall(text)))
    out.append(sum(1 for m in p_alt.finditer(text)))
    n = 0
    for line in lines:
        m = p_kv.search(line + ";")
        if m:
            n += len(m.group("v"))
    out.append(n)
    out.append(p_backtrack.match("ab" * 20000 + "c").end())
    pos, n = 0, 0
    while True:
        m = p_words.search(utext, pos)
        if m is None or n > 3000:
            break
        pos = m.end()
        n += 1
    out.append(n)
    out.append(len(p_words.split(text)))
    return out

for i in range(8):
    r = bench()
print(r)
'''


def emit_bench(path):
    lines = ["# Regular expressions through _sre (code from CPython's re._compiler, made by\n"
             "# tests/re/gen_cases.py --bench): findall, sub, search, finditer, split, backtracking.\n"
             "import _sre\n\n"]
    for var, (pattern, flags) in BENCH_PATTERNS.items():
        f, code, groups, gi, ig = code_of(pattern, flags)
        lines.append("%s = _sre.compile(%r, %d, %r, %d, %r, %r)\n" % (var, pattern, f, code, groups, gi, ig))
    lines.append(BENCH_BODY)
    with open(path, "w") as out:
        out.write("".join(lines))
    print("wrote", path)


if __name__ == "__main__" and "--bench" in sys.argv:
    emit_bench(os.path.join(HERE, "..", "..", "bench", "regex_sre.py"))


DEEP_PATTERNS = {
    "p_alt": (r"(a|b)*c", 0),
    "p_lazy": (r"(?:a|b)*?c", 0),
    "p_nested": (r"((a)(b)?)*(c)", 0),
    "p_count": (r"(?:ab){1000}", 0),
    "p_many": ("".join("(%s)" % chr(97 + i % 26) for i in range(120)), 0),
    "p_poss": (r"(?:a|b)*+c", 0),
    "p_atomic": (r"(?>(?:a|b)*)c", 0),
    "p_backref": (r"(a+)+\1b", 0),
    "p_lookbehind": (r"(?<=ab)(?:ab)*", 0),
}

DEEP_BODY = r'''
big = "ab" * 100000
m = p_alt.match(big + "c")
print(m.span(), m.group(1), m.lastindex)
print(p_alt.match(big), p_alt.search(big[:2000]))
m = p_lazy.match(big + "c")
print(m.span())
m = p_nested.match("ab" * 50000 + "a" * 1000 + "c")
print(m.span(), m.groups())
print(p_count.match("ab" * 1500).span(), p_count.match("ab" * 999))
s = "".join(chr(97 + i % 26) for i in range(120))
m = p_many.search("xx" + s + "yy")
print(m.span(), m.lastindex, m.group(120), m.span(77), len(m.groups()), len(m.regs))
print(p_poss.match(big + "c").span(), p_poss.match(big), p_atomic.match(big + "c").span(), p_atomic.match(big))
print(p_backref.match("a" * 20 + "b"), p_backref.match("aaaab").groups())
print(len(p_lookbehind.findall(big[:20000])), p_lookbehind.search("xxabab").span())
print(len(p_alt.findall(("ab" * 50 + "c") * 200)), p_alt.sub("-", ("ab" * 50 + "c ") * 3))
'''


def emit_deep(name, title):
    lines = [HEADER.format(title=title)]
    for var, (pattern, flags) in DEEP_PATTERNS.items():
        f, code, groups, gi, ig = code_of(pattern, flags)
        lines.append("%s = compile(%r, %d, %r, %d, %r, %r)\n" % (var, pattern, f, code, groups, gi, ig))
    lines.append(DEEP_BODY)
    with open(os.path.join(OUT, name), "w") as out:
        out.write("".join(lines))
    print("wrote", name)


if __name__ == "__main__":
    emit_deep("005_engine_deep.py", "_sre engine: long subjects and deep backtracking run on the heap, not the C stack")
