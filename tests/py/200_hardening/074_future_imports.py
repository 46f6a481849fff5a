# from __future__ imports: the known features compile and import, misplaced or unknown ones are compile-time SyntaxErrors
from __future__ import generator_stop, nested_scopes
from __future__ import (division, absolute_import,
                        with_statement, print_function)
import __future__
print(generator_stop, division.getOptionalRelease(), division.getMandatoryRelease(), hex(division.compiler_flag))
print(__future__.all_feature_names)
print(__future__.annotations, __future__.barry_as_FLUFL.mandatory, type(__future__.generators).__name__)
print(sorted(k for k in dir(__future__) if k.startswith("CO_")))
print(nested_scopes is __future__.nested_scopes, __future__.__name__)
cases = [
    "from __future__ import braces",
    "x = 1\nfrom __future__ import division",
    "from __future__ import nope",
    "'''doc'''\nfrom __future__ import generator_stop\nfrom __future__ import division\nx = 1",
    "from __future__ import (generator_stop, division)",
    "from __future__ import division as d",
    "from __future__ import *",
    "import __future__",
    "def f():\n    from __future__ import division",
    "from __future__ import nested_scopes, generators, division, absolute_import, with_statement, print_function, unicode_literals, barry_as_FLUFL, generator_stop",
    "'''doc'''\n'''doc2'''\nfrom __future__ import division",
    "from __future__ import division; from __future__ import generators",
    "from __future__ import division, braces",
    "from __future__ import division, nope",
    "from . import division",
    "from __future__ import division\nfrom __future__ import braces",
    "if 1:\n    from __future__ import division",
    "'doc'\n# comment\n\nfrom __future__ import division",
    "import os; from __future__ import division",
    "x = 1; from __future__ import nope",
    "from __future__ import division; x=1; from __future__ import generators",
    "from __future__ import division\nx=1; from __future__ import generators",
    "class C:\n    from __future__ import division",
    "try:\n    from __future__ import division\nexcept ImportError:\n    pass",
    "from __future__ import " + "x" * 150,
]
for src in cases:
    try:
        compile(src, "s", "exec")
        print("ok")
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.args[1:], e.lineno, e.offset, e.end_lineno, e.end_offset, e.text)
for mode in ("eval", "single"):
    try:
        print(compile("1 + 1", "s", mode).co_flags & 0x1FE0000)
        compile("from __future__ import braces", "s", mode)
    except SyntaxError as e:
        print(mode, e.msg, e.lineno, e.offset)
ns = {}
exec("from __future__ import division\nd = division", ns)
print(ns["d"] is division, hex(compile("from __future__ import generator_stop", "s", "exec").co_flags))
print([hex(c.co_flags) for c in compile("from __future__ import division, unicode_literals\ndef f(): pass", "s", "exec").co_consts if hasattr(c, "co_flags")])
print(hex(compile("x = 1", "s", "exec", __future__.barry_as_FLUFL.compiler_flag).co_flags))
print(hex(compile("x = 1", "s", "exec", __future__.division.compiler_flag).co_flags))
print(hex(compile("from __future__ import barry_as_FLUFL\nx = 1", "s", "exec").co_flags))
print(hex(compile("def f(): pass", "s", "exec", __future__.generator_stop.compiler_flag).co_consts[0].co_flags))
