# match statements: compile-time errors (message, line, columns)
sources = [
    "match x:\n case y: pass\n case 1: pass",
    "match x:\n case _: pass\n case 1: pass",
    "match x:\n case a | b: pass",
    "match x:\n case [a, a]: pass",
    "match x:\n case [a, {'k': a}]: pass",
    "match x:\n case [a] | (b,): pass",
    "match x:\n case [*a, *b]: pass",
    "match x:\n case C(x=1, x=2): pass",
    "match x:\n case C(a=1, 2): pass",
    "match x:\n case a.b(c=1, 2, 3, d=4, 5): pass",
    "match x:\n case {'a': 1, 'a': 2}: pass",
    "match x:\n case {1: 1, True: 2}: pass",
    "match x:\n case f'a': pass",
    "match x:\n case 1 + 2: pass",
    "match x:\n case 1j + 2j: pass",
    "match x:\n case -1j - 2: pass",
    "match x:\n case 1 as _: pass",
    "match x:\n case 1 as None: pass",
    "match x:\n case {**_}: pass",
    "match x:\n case {x: 1}: pass",
    "match x:\n case _.x: pass",
    "match x:\n case __debug__: pass",
    "match x:\n case {**__debug__}: pass",
    "match x:\n case a if a: pass\n case 1: pass",
    "match x\n case 1: pass",
    "match x:\ncase 1: pass",
    "match x:\n case 1\n  pass",
    "match x:\n case 1:\n pass",
    "match x:\n    case (1 | a) | b: pass",
    "match x:\n case [*_, *_]: pass",
    "match x:\n case C(a, a=1) | 2: pass",
    "match x:\n case (a, b) | (b, c): pass",
    "match(x)\n1 +",
    "match x:\n    case 1:\n        pass\n    else:\n        pass",
]
for src in sources:
    try:
        compile(src, "<case>", "exec")
    except SyntaxError as e:
        print(type(e).__name__, repr(e.msg), e.lineno, e.offset, e.end_lineno, e.end_offset, repr(e.text))
    else:
        print("compiled:", repr(src))
