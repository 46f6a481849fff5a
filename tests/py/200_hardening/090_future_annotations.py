# from __future__ import annotations (PEP 563): annotations are stored as their source text, as CPython unparses them
from __future__ import annotations
def f(a: lambda *a: 1, b: lambda: 2, c: lambda x, *y, z=3, **k: 0, d: 1 if x else 2, f: [*a, {**b}], g: f'{x!r:>{w}} {{}} {y=}', h: a[1:2, ::3], i: 1 .real, j: -(-1)**-2, k: 'u', l: u'u', m: 1e400, n: (1,), o: (), p: not a and b or c, q: a if b else (c if d else e), r: a < b < c, t: ..., u: {1: 2, **d}, w: (a for b in c if d), x: f(a for b in c), y: f(*a, k=1, **kw), z: 2 ** 3 ** 4 - (2 ** 3) ** 4, aa: 1j + 2.5 - 1e309j, bb: 'a' 'b', cc: b'x', dd: a.b.c[d](e), ee: (a, b)[0], gg: {a, b}, hh: [x for x in y if z for w in v], ii: {k: v for k, v in x}, jj: {a for a in b}, kk: lambda a, /, b: a, ll: f'{ {1: 2}[1] }', nn: a @ b // c % d << e >> f & g ^ h | i, oo: ~a + +b, pp: (a, *b), qq: x[a:b], rr: x[:], ss: 'it''s "q"', tt: "\n\t\x00é", uu: f"{'a'!a}", vv: (1, 2) if a else (3,), ww: None, xx: True, yy: 0xff, zz: 1_000, a1: 10**30, a2: float('nan'), a3: -1, a4: - 1.5, a5: (-1) ** 2, a6: a[b][c], a7: await_ if x else y, a8: a.b(c).d, a9: f"{x:{y}.{z}}", b1: 1.0, b2: 3.14e-10, b3: 1e22, b4: (1+2j)) -> list[int]: pass
for k, v in f.__annotations__.items():
    print(k, repr(v))
x: int = 5
y: dict[str, int]
class C:
    a: C
    b: "str" = 1
    def m(self, other: C) -> C: return other
print(__annotations__, C.__annotations__, C.m.__annotations__)
def g():
    z: undefined_name = 1
    o = type("O", (), {})()
    o.attr: undefined2 = 2
    lst = [0]
    lst[0]: undefined3 = 3
    return z, o.attr, lst
print(g())
print(hex(f.__code__.co_flags), hex(g.__code__.co_flags))

# names used only in annotations need not exist; complex targets are not evaluated
def h(a: NoSuchName[int], *args: *Ts, **kw: Mapping) -> Undefined | None:
    pass
print(h.__annotations__)
for src in ["from __future__ import annotations\ndef f(x: (y := 1)): pass",
            "from __future__ import annotations\ndef f(x: (yield)): pass",
            "from __future__ import annotations\nx: (yield from y) = 1",
            "from __future__ import annotations\ndef f(x: lambda: (yield)): pass",
            "from __future__ import annotations\ndef f(x: [(y := 1) for z in w]): pass",
            "def f(x: (y := 1)): pass"]:
    try:
        compile(src, "s", "exec")
        print("ok")
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
ns = {}
exec("def k(a: int = 1) -> str: pass", ns)
print(ns["k"].__annotations__)
import __future__
code = compile("def k(a: int) -> str: pass", "s", "exec", __future__.annotations.compiler_flag)
exec(code, ns)
print(ns["k"].__annotations__, hex(code.co_flags))
code = compile("def k(a: int) -> str: pass", "s", "exec", dont_inherit=True)
exec(code, ns)
print(ns["k"].__annotations__)
