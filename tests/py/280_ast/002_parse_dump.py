# ast.parse of a large stdlib-like sample: ast.dump with positions, every mode, Constant.kind, f-strings
import ast

SAMPLE = '''\
"""Module docstring."""
from __future__ import annotations
import os, sys as system
from . import sibling
from ..pkg.mod import (a, b as c)
from x import *

CONST: int = 1_000
x = y = [1, 2.5, 3j, "s", b"b", u"u", None, True, ..., -1, ~2, not 3]
t = 1,
(a, *rest), z = range(10), 4
d = {"k": 1, **other, 2: [i for i in range(3) if i if not i]}
s = {1, 2}; e = {}
g = (i * 2 for i in x)
dc = {k: v for k, v in d.items()}
sc = {q async for q in aiter() } if False else None
lam = lambda a, /, b=2, *args, c, d=4, **kw: (a, b, c, d)
x[1:2, ::3] = x[...]
x.attr += 1
del x[0], x.attr
print(f"{x!r:>{width}} and {y=} {z:.2f} {{lit}}", f'{"nested"}', rf"\\d{x}", "implicit" "concat")
w = (yield) if 0 else 0
assert x, "message"
global_var = 2 ** -1 @ m // 3 % 4 << 5 >> 6 | 7 ^ 8 & 9
cmp = 1 < 2 <= 3 == 4 != 5 > 6 >= 7 is 8 is not 9 in 10 not in 11
b = a and b or c and not d
if (n := len(x)) > 10:
    pass
elif n:
    ...
else:
    raise ValueError("x") from None


@decorator
@other.decorator(arg)
class Klass(Base, metaclass=Meta, **opts):
    """Class docstring."""
    attr: str
    value: list[int] = []

    def method(self, a: int, *, b: "str" = "x") -> None:
        nonlocal_thing = 1
        return a

    async def coro(self):
        async with lock as l, other:
            await thing()
        async for item in stream:
            yield item
        return [x async for x in y]

    @property
    def prop(self): return self._p


def gen(a, b=1, *args, **kwargs):
    global G
    yield from range(3)
    for i, j in pairs:
        if i:
            continue
        break
    else:
        pass
    while True:
        break
    else:
        pass
    try:
        pass
    except (TypeError, ValueError) as exc:
        raise
    except Exception:
        pass
    else:
        pass
    finally:
        pass
    try:
        pass
    except* OSError as eg:
        pass
    with open("f") as f, open("g") as (h, i):
        pass
    def inner():
        nonlocal a
        a = 1
    return inner


x = [
    1,
    2,
]
s = """multi
line"""
u = "ünïcödé" + 'é'
'''

tree = ast.parse(SAMPLE)
for node in tree.body:
    print(ast.dump(node, include_attributes=True))
print(ast.dump(tree, indent=1)[:400])
print(type(tree).__name__, len(tree.body), tree.type_ignores)

# the other modes
print(ast.dump(ast.parse("a + b", mode="eval"), include_attributes=True))
print(ast.dump(ast.parse("x = 1; y", mode="single"), include_attributes=True))
print(ast.dump(compile("1", "<s>", "eval", ast.PyCF_ONLY_AST)))
print(ast.dump(ast.parse(b"# coding: latin-1\nx = '\xe9'\n")))
print(ast.dump(ast.parse("u'a' 'b'").body[0].value), ast.parse("u'a'").body[0].value.kind)
print(ast.dump(ast.parse("f'{a}{b!s:{c}}x'").body[0].value))
# shared context and operator instances, as CPython's parser gives
t = ast.parse("a = b + c + d")
print(t.body[0].targets[0].ctx is ast.parse("z = 1").body[0].targets[0].ctx, type(t.body[0].value.op).__name__)
print(t.body[0].value.op is t.body[0].value.left.op)
try:
    ast.parse("x = (1,")
except SyntaxError as e:
    print("SyntaxError", e.msg, e.lineno, e.offset)
try:
    ast.parse("x", mode="bad")
except ValueError as e:
    print("ValueError", e)
try:
    compile("x", "<s>", "func_type")
except ValueError as e:
    print("ValueError", e)
print(ast.get_docstring(tree), ast.get_docstring(tree.body[14]) if isinstance(tree.body[14], ast.ClassDef) else None)
print([type(n).__name__ for n in ast.walk(ast.parse("f(a, *b, c=d, **e)"))])
print(ast.get_source_segment(SAMPLE, tree.body[7]))
