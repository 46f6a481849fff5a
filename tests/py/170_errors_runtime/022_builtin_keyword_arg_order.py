# Argument errors of built-ins with keyword parameters: CPython's order of checks (count, positionals, missing required, unknown keyword)
class E(enumerate): pass
cases = [
    "E()", "E([], 1, 2)", "E(iterable=[], start=1, x=2)", "E(x=1)", "E([], iterable=[])", "E(start=1)",
    "'a b'.split(sep=' ', maxsplit=1, z=2)", "'a b'.split(z=2)", "'a'.split(' ', sep=' ')",
    "round(x=1)", "round(1, 2, 3)", "round()", "round(number=1.5, nd=2)",
    "int(x=5)", "int('5', base=10, extra=1)", "sorted()", "sorted([], key=None, reverse=False, x=1)",
    "'abc'.encode(encoding='utf-8', errors='strict', bad=1)", "'abc'.encode(bad=1)",
    "bytes(source=1)", "range(stop=3)", "'x'.splitlines(keepends=True, y=1)", "print(sepp='')",
    "max([], default=1, key=None, x=1)", "open()", "zip(strict=True, x=1)", "dict.fromkeys()",
]
for c in cases:
    try:
        r = eval(c)
        print(c, "->", repr(r)[:40])
    except Exception as e:
        print(c, "!!", type(e).__name__, e)
