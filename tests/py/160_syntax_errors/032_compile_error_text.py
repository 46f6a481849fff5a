# SyntaxError.text: the parser keeps the source line; errors found later (scopes, code generation) read it from the file, so it is None for compile() of a string
cases = [
    "x = (",
    "break",
    "def f():\n    nonlocal q",
    "return 5",
    "a = 1\nb = yield",
    "def g():\n    x = 1\n    global x",
    "f(**k, *a)",
    "del f()",
    "class C:\n    continue",
]
for src in cases:
    for mode in ("exec", "single"):
        try:
            compile(src, "<case>", mode)
        except SyntaxError as e:
            print(mode, repr(e.msg), repr(e.text), e.lineno, e.offset)
# a file name that exists: the compiler's errors read their line from it
import sys
try:
    compile("x = 1\nbreak\n", __file__, "exec")
except SyntaxError as e:
    print(repr(e.msg), repr(e.text), e.lineno)
try:
    exec("for i in range(2):\n    pass\nelse:\n    continue")
except SyntaxError as e:
    print(repr(e.msg), repr(e.text), e.lineno, e.filename)
