# compile(..., 'single'): a compound statement whose body is on the header's line needs a newline after it
cases = [
    "def f(): pass", "def f(): pass\n", "if x: pass", "if x: pass\nelse: pass", "if x:\n  pass",
    "if x:\n  pass\n", "class A: pass", "@d\ndef f(): pass", "if x:\n  if y: pass", "for x in y: pass\n# c",
    "with a: pass", "try: pass\nexcept: pass", "while x:\n  pass\nelse: pass", "x = 1", "1\n2",
]
for src in cases:
    try:
        compile(src, "<single>", "single")
        print(repr(src), "ok")
    except SyntaxError as e:
        print(repr(src), "SyntaxError:", e.msg, (e.lineno, e.offset, e.text, e.end_lineno, e.end_offset))
