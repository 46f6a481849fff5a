# compile() of ast objects: hand-made trees, CPython's validation errors, NodeTransformer, literal_eval, unparse
import ast


def check(label, tree, mode="exec"):
    try:
        code = compile(tree, "<tree>", mode)
    except Exception as e:
        msg = str(e)
        if " at 0x" in msg:
            msg = msg.split(" at 0x")[0] + ">"
        print(label, "->", type(e).__name__ + ":", msg)
        return None
    print(label, "-> ok")
    return code


fml = ast.fix_missing_locations
N = lambda i, c=None: ast.Name(i, c or ast.Load())

# a hand-made tree runs
tree = fml(ast.Module([
    ast.Assign([N("x", ast.Store())], ast.BinOp(ast.Constant(6), ast.Mult(), ast.Constant(7))),
    ast.Expr(ast.Call(N("print"), [ast.Constant("x is"), N("x")], [ast.keyword("sep", ast.Constant(": "))])),
], []))
exec(compile(tree, "<tree>", "exec"))
print(eval(compile(fml(ast.Expression(ast.Compare(ast.Constant(1), [ast.Lt(), ast.LtE()], [ast.Constant(2), ast.Constant(2)]))), "<e>", "eval")))
ns = {}
exec(compile(ast.parse("def f(a, b=2, *c, d, **e):\n    return a + b + d\n"), "<p>", "exec"), ns)
print(ns["f"](1, d=3))
print(compile(ast.parse("x"), "<p>", "exec", ast.PyCF_ONLY_AST).__class__.__name__)

# errors
check("no lineno", ast.Module([ast.Expr(N("x"))], []))
check("expr lineno", ast.Module([ast.Expr(N("x"), lineno=1, col_offset=0)], []))
check("no ctx", fml(ast.Module([ast.Expr(ast.Name("x"))], [])))
check("bad id", fml(ast.Module([ast.Expr(ast.Name(1, ast.Load()))], [])))
check("stmt as expr", fml(ast.Module([ast.Expr(ast.Pass())], [])))
check("int as expr", fml(ast.Module([ast.Expr(3)], [])))
check("expr as stmt", fml(ast.Module([N("x")], [])))
check("body not list", fml(ast.Module(ast.Pass(), [])))
check("no type_ignores", fml(ast.Module([ast.Pass()])))
check("store in load", fml(ast.Module([ast.Expr(N("x", ast.Store()))], [])))
check("list constant", fml(ast.Module([ast.Expr(ast.Constant([1]))], [])))
check("tuple with list", fml(ast.Module([ast.Expr(ast.Constant((1, [2])))], [])))
check("None name", fml(ast.Module([ast.Expr(N("None"))], [])))
check("load target", fml(ast.Module([ast.Assign([N("x")], ast.Constant(1))], [])))
check("wrong mod", ast.Expression(ast.Constant(1)), "exec")
check("wrong mod eval", ast.Module([], []), "eval")
check("not an AST", 5)
check("op class", fml(ast.Module([ast.Expr(ast.BinOp(ast.Constant(1), ast.Add, ast.Constant(2)))], [])))
check("keywords None", fml(ast.Module([ast.Expr(ast.Call(N("f"), [], None))], [])))
check("empty names", fml(ast.Module([ast.ImportFrom("x", [], 0)], [])))
check("empty body", fml(ast.Module([ast.If(ast.Constant(1), [], [])], [])))
check("None value", fml(ast.Module([ast.Expr(None)], [])))
check("None left", fml(ast.Module([ast.Expr(ast.BinOp(None, ast.Add(), ast.Constant(1)))], [])))
check("kind int", fml(ast.Module([ast.Expr(ast.Constant(1, kind=3))], [])))
check("ctx None", fml(ast.Module([ast.Expr(ast.Name("x", None))], [])))
check("level str", fml(ast.Module([ast.ImportFrom("x", [ast.alias("y")], "a")], [])))
check("level neg", fml(ast.Module([ast.ImportFrom("x", [ast.alias("y")], -1)], [])))
check("conversion", fml(ast.Module([ast.Expr(ast.FormattedValue(ast.Constant(1), "x", None))], [])))
check("compare empty", fml(ast.Module([ast.Expr(ast.Compare(ast.Constant(1), [], []))], [])))
check("compare mismatch", fml(ast.Module([ast.Expr(ast.Compare(ast.Constant(1), [ast.Eq()], [ast.Constant(1), ast.Constant(2)]))], [])))
check("empty def", fml(ast.Module([ast.FunctionDef("f", ast.arguments([], [], None, [], [], None, []), [], [], None)], [])))
check("dict mismatch", fml(ast.Module([ast.Expr(ast.Dict([None], []))], [])))
check("lineno str", ast.Module([ast.Expr(N("x"), lineno="a", col_offset=0)], []))
check("lambda None args", fml(ast.Module([ast.Expr(ast.Lambda(None, ast.Constant(1)))], [])))
check("big int", fml(ast.Module([ast.Expr(ast.Constant(2 ** 100))], [])))
check("frozenset", fml(ast.Module([ast.Expr(ast.Constant(frozenset({1})))], [])))
check("try empty", fml(ast.Module([ast.Try([ast.Pass()], [], [], [])], [])))
check("boolop one", fml(ast.Module([ast.Expr(ast.BoolOp(ast.And(), [ast.Constant(1)]))], [])))
check("raise cause", fml(ast.Module([ast.Raise(None, ast.Constant(1))], [])))
check("comp no gens", fml(ast.Module([ast.Expr(ast.ListComp(ast.Constant(1), []))], [])))
check("defaults", fml(ast.Module([ast.Expr(ast.Lambda(ast.arguments([], [], None, [], [], None, [ast.Constant(1)]), ast.Constant(1)))], [])))
check("annassign simple", fml(ast.Module([ast.AnnAssign(ast.Attribute(N("a"), "b", ast.Store()), N("int"), None, 1)], [])))
check("None stmt", fml(ast.Module([None], [])))

# NodeTransformer round trip
class Double(ast.NodeTransformer):
    def visit_Constant(self, node):
        if isinstance(node.value, int):
            return ast.copy_location(ast.Constant(node.value * 2), node)
        return node

src = "def f(x):\n    return x + 1\nprint(f(10), [i * 3 for i in range(3)])\n"
tree = ast.fix_missing_locations(Double().visit(ast.parse(src)))
exec(compile(tree, "<double>", "exec"), {})
print(ast.unparse(tree))

# increment_lineno: tracebacks follow the new numbers
tree = ast.parse("x = 1\n1 / 0\n")
ast.increment_lineno(tree, 10)
try:
    exec(compile(tree, "<inc>", "exec"), {})
except ZeroDivisionError as e:
    print("ZeroDivisionError at line", e.__traceback__.tb_next.tb_lineno)

# literal_eval
for s in ["1", "-2.5", "1+2j", "'s'", "b'b'", "[1, (2, 3), {4: {5}}]", "None", "set()", "{'a': [True, False]}"]:
    print(repr(ast.literal_eval(s)))
for s in ["f(x)", "1 + x", "{**a}"]:
    try:
        ast.literal_eval(s)
    except ValueError as e:
        print("ValueError", str(e).split(" at 0x")[0])

# unparse of assorted syntax
for s in ["a = b if c else d", "def f(a, /, b=1, *c, d, **e) -> int:\n    pass", "x = f'{a!r:>{w}}'",
          "async def g():\n    async with a as b:\n        await c", "del a[1:2], b.c",
          "class C(B, metaclass=M):\n    x: int = 1", "lambda: (yield)", "print(*a, **k)",
          "try:\n    pass\nexcept* E as e:\n    raise X from e", "x = {**a, 'b': 1}", "(a := 1)"]:
    print(ast.unparse(ast.parse(s)))
    compile(ast.parse(ast.unparse(ast.parse(s))), "<rt>", "exec")

# dump of a compiled-and-back tree is stable
t1 = ast.parse(src)
t2 = ast.parse(ast.unparse(t1))
print(ast.dump(t1) == ast.dump(t2))
