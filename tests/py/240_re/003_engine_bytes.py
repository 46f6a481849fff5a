# _sre engine: bytes patterns and subjects (code from re._compiler, made by tests/re/gen_cases.py)
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

run(compile(b'abc', 0, [14, 12, 3, 3, 3, 3, 3, 97, 98, 99, 0, 0, 0, 16, 97, 16, 98, 16, 99, 1], 0, {}, (None,)),
    [b'xabcx', b'ab'])
run(compile(b'\\w+', 0, [14, 4, 0, 1, 4294967295, 24, 9, 1, 4294967295, 13, 4, 8, 4, 0, 1, 1], 0, {}, (None,)),
    [b'hello w\xe9rld'])
run(compile(b'[\\x80-\\xff]+', 0, [14, 4, 0, 1, 4294967295, 24, 10, 1, 4294967295, 13, 5, 22, 128, 255, 0, 1, 1], 0, {}, (None,)),
    [b'ab\x80\x90\xffcd'])
run(compile(b'(\\d+)', 0, [14, 4, 0, 1, 4294967295, 17, 0, 24, 9, 1, 4294967295, 13, 4, 8, 0, 0, 1, 17, 1, 1], 1, {}, (None, None)),
    [b'a1b22c333'])
run(compile(b'ab', 2, [14, 4, 0, 2, 2, 32, 97, 32, 98, 1], 0, {}, (None,)),
    [b'AB', b'aB'])
run(compile(b'\\s+', 0, [14, 4, 0, 1, 4294967295, 24, 9, 1, 4294967295, 13, 4, 8, 2, 0, 1, 1], 0, {}, (None,)),
    [b'a \t\nb\x1cc'])
run(compile(b'(?P<x>a)(?P=x)', 0, [14, 8, 1, 2, 2, 1, 0, 97, 0, 17, 0, 16, 97, 17, 1, 11, 0, 1], 1, {'x': 1}, (None, 'x')),
    [b'aa', b'ab'])
