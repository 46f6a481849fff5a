# CPython's second parser pass: invalid_ rules also apply to code the first pass accepted (print -1, soft keyword prefixes)
cases = [
    ('exec', 'print -1\nx = (1 2)'),
    ('exec', 'print -1\n1 2'),
    ('exec', 'print [x]\n1 2'),
    ('exec', 'print (x)\n1 2'),
    ('exec', 'x = c [0]\nf(a for a in b, c)'),
    ('exec', 'x = [c[0] x]'),
    ('exec', 'x = 1\nif x = 1: pass'),
    ('exec', 'def f(a, b=1):\n  return a\nf(x for x in y, 1)'),
    ('exec', 'x = {c d}'),
    ('exec', 'x = [m x]'),
    ('exec', 'x = [ma x]'),
    ('exec', 'x = [cas x]'),
    ('exec', 'x = [match x y]'),
    ('exec', 'x = [case.x y]'),
    ('exec', 'x = [_x y]'),
    ('exec', 'x = [__ y]'),
    ('exec', 'x = [mat.ch y]'),
    ('exec', 'print "a" "b"'),
    ('exec', 'exec "x" in d'),
    ('exec', 'print(1)\nprint 2'),
    ('exec', 'for x in range(3): print x'),
    ('exec', 'lambda: print x'),
    ('exec', 'x = 1 if y else print z'),
    ('exec', 'f(a)(b c)'),
    ('exec', 'if x: pass\nelif y = 2: pass'),
    ('exec', 'while f(x) = 3: pass'),
    ('exec', 'assert x = 1'),
    ('exec', 'x = y = z = f() = 1'),
    ('exec', 'x, y = y, x = f() = 1'),
    ('exec', 'a = 1\nb = 2\nc d = 3'),
    ('exec', 'try:\n  pass\nexcept:\n  pass\nx = (1 2\n')
]
for mode, src in cases:
    try:
        compile(src, "<case>", mode)
        print("ok", repr(src))
    except SyntaxError as e:
        print(repr(src), "->", type(e).__name__, repr(e.msg), e.lineno, e.offset, e.end_lineno, e.end_offset, repr(e.text))
