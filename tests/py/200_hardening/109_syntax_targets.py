# invalid targets of for loops, comprehensions and with items (invalid_for_target, invalid_with_item)
cases = [
    ('exec', 'for 1 in x: pass'),
    ('exec', 'for f() in x: pass'),
    ('exec', 'for a, 1 in x: pass'),
    ('exec', 'for a + b in x: pass'),
    ('exec', 'for (a, f()) in x: pass'),
    ('exec', 'for [a, (b, 1)] in x: pass'),
    ('exec', 'for None in x: pass'),
    ('exec', 'for a if b else c in d: pass'),
    ('exec', 'for (x for x in y) in z: pass'),
    ('exec', 'for x in: pass'),
    ('exec', 'for in x: pass'),
    ('exec', 'for x y: pass'),
    ('exec', 'for x in y z: pass'),
    ('exec', 'for a.b in c: pass'),
    ('exec', 'for x, in y: pass'),
    ('exec', 'for *a in x: pass'),
    ('exec', 'for a, *b, *c in x: pass'),
    ('exec', 'for x in *a, *b: pass'),
    ('exec', 'for x in y, z: pass'),
    ('exec', 'for lambda: x in y: pass'),
    ('exec', 'for a < b in c: pass'),
    ('exec', 'for x.y() in z: pass'),
    ('exec', 'for (a := 1) in b: pass'),
    ('exec', 'for x in range(3):\n  pass\nelse x: pass'),
    ('exec', 'with a as 1: pass'),
    ('exec', 'with a as f(): pass'),
    ('exec', 'with a as (b, 1): pass'),
    ('exec', 'with a as b + c: pass'),
    ('exec', 'with (a as 1): pass'),
    ('exec', 'with a as b, c as 1: pass'),
    ('exec', 'with a as [b, c()]: pass'),
    ('exec', 'with a as None: pass'),
    ('exec', 'with (a as b, c as f()): pass'),
    ('exec', 'with a as (yield): pass'),
    ('exec', 'with a as b.c, d as e[0]: pass'),
    ('exec', 'with a as *b: pass'),
    ('exec', 'with a as (*b, c): pass'),
    ('exec', 'with (a as b c): pass')
]
for mode, src in cases:
    try:
        compile(src, "<case>", mode)
        print("ok", repr(src))
    except SyntaxError as e:
        print(repr(src), "->", type(e).__name__, repr(e.msg), e.lineno, e.offset, e.end_lineno, e.end_offset, repr(e.text))
