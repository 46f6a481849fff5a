# __debug__ as any binding target (names, parameters, keywords, annotations, imports) and `class C(x for x in L)` are SyntaxErrors
cases = ["__debug__ = 1", "for __debug__ in []: pass", "def f(__debug__): pass", "x.__debug__ = 1", "del __debug__",
         "__debug__ += 1", "(__debug__, a) = 1, 2", "[__debug__] = [1]", "import __debug__", "import x as __debug__",
         "from x import __debug__", "from x import y as __debug__", "def __debug__(): pass", "class __debug__: pass",
         "lambda __debug__: 1", "def f(*, __debug__): pass", "def f(*__debug__): pass", "def f(**__debug__): pass",
         "def f(a, /, __debug__): pass", "with x as __debug__: pass", "try: pass\nexcept E as __debug__: pass",
         "(__debug__ := 1)", "[__debug__ for __debug__ in []]", "__debug__: int", "__debug__: int = 1",
         "global __debug__", "f(__debug__=1)", "f(a=1, __debug__=2, a=3)", "o.m(__debug__=1)", "class C(__debug__=1): pass",
         "x.__debug__", "print(__debug__)", "del x.__debug__", "a.b.__debug__ = 1", "def f(a, __debug__=1): pass",
         "lambda *__debug__: 1", "lambda **__debug__: 1", "@dec\ndef f(__debug__): pass", "obj.__debug__ += 1",
         "x, *__debug__ = 1, 2",
         "class C(x for x in L): pass", "class C(x for x in L, y): pass", "class C(y, x for x in L): pass",
         "class C((x for x in L)): pass", "class C(a=x for x in L): pass", "f(x for x in L)", "f(x for x in L, 1)",
         "class C(*(x for x in L)): pass", "class C(x for x in L)(y): pass"]
for src in cases:
    try:
        compile(src, "s", "exec")
        print(repr(src), "ok")
    except SyntaxError as e:
        print(repr(src), "->", e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
print(__debug__, type(__debug__).__name__)
