# compile() of ast trees: CPython's position checks, default end positions, literal-pattern checks, feature_version, AST.__new__/__init__
import ast


def check(label, tree):
    try:
        compile(tree, "<tree>", "exec")
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)
        return
    print(label, "-> ok")


# Position ranges of a statement.
for lineno, end_lineno in [(10, 1), (-10, -11), (10, -11), (-5, -2), (-5, 1), (1, 1), (1, 3)]:
    tree = ast.parse("a = 1")
    tree.body[0].lineno = lineno
    tree.body[0].end_lineno = end_lineno
    check("lines %d:%d" % (lineno, end_lineno), tree)
for col, end_col in [(10, 1), (-10, -11), (10, -11), (-5, -2), (-5, 1), (-1, -1), (0, 5)]:
    tree = ast.parse("a = 1")
    tree.body[0].col_offset = col
    tree.body[0].end_col_offset = end_col
    check("cols %d:%d" % (col, end_col), tree)
# ... of an expression.
tree = ast.parse("a = b")
tree.body[0].value.col_offset = 9
check("expr cols 9:5", tree)

# Missing end positions default to the start.
tree = ast.Module(body=[ast.Expr(value=ast.Name(id="x", ctx=ast.Load(), lineno=3, col_offset=2),
                                 lineno=3, col_offset=2)], type_ignores=[])
code = compile(tree, "<tree>", "exec")
print(sorted(set(p for p in code.co_positions() if p[0])))

# Literal patterns.
def match_tree(pattern):
    return ast.fix_missing_locations(ast.Module(body=[ast.Match(
        subject=ast.Name(id="x", ctx=ast.Load()),
        cases=[ast.match_case(pattern=pattern, body=[ast.Pass()])])], type_ignores=[]))

C = ast.Constant
for label, pattern in [
    ("value Ellipsis", ast.MatchValue(C(...))),
    ("value True", ast.MatchValue(C(True))),
    ("value tuple", ast.MatchValue(C((1, 2)))),
    ("value 1", ast.MatchValue(C(1))),
    ("value -1", ast.MatchValue(ast.UnaryOp(ast.USub(), C(1)))),
    ("value not 1", ast.MatchValue(ast.UnaryOp(ast.Not(), C(1)))),
    ("value 1*2j", ast.MatchValue(ast.BinOp(C(1), ast.Mult(), C(2j)))),
    ("value name", ast.MatchValue(ast.Name("y", ast.Load()))),
    ("mapping True key", ast.MatchMapping(keys=[C(True)], patterns=[ast.MatchValue(C(1))])),
    ("mapping starred key", ast.MatchMapping(keys=[ast.Starred(ast.Name("k", ast.Load()), ast.Load())],
                                             patterns=[ast.MatchValue(C(1))])),
    ("class on constant", ast.MatchClass(cls=ast.Attribute(C("x"), "y", ast.Load()), patterns=[],
                                         kwd_attrs=[], kwd_patterns=[])),
    ("class kwd True", ast.MatchClass(cls=ast.Name("C", ast.Load()), patterns=[],
                                      kwd_attrs=["True"], kwd_patterns=[ast.MatchValue(C(1))])),
    ("class ok", ast.MatchClass(cls=ast.Attribute(ast.Name("m", ast.Load()), "C", ast.Load()), patterns=[],
                                kwd_attrs=["a"], kwd_patterns=[ast.MatchValue(C(1))])),
]:
    check(label, match_tree(pattern))

# feature_version.
for src, version in [("(x := 0)", 7), ("(x := 0)", 8), ("def f(a, /): pass", 7), ("f'{x=}'", 7), ("f'{x=}'", 8),
                     ("with (a as b): pass", 8), ("with (a as b): pass", 9),
                     ("try: pass\nexcept* E: pass", 10), ("try: pass\nexcept* E: pass", 11)]:
    try:
        ast.parse(src, feature_version=(3, version))
        print(repr(src), version, "-> ok")
    except SyntaxError as e:
        print(repr(src), version, "-> SyntaxError:", e.msg)

# The node classes take any arguments in __new__; __init__ refuses a field given twice.
print(type(ast.Constant.__new__(ast.Constant, 1, 2, kind=3)).__name__)
try:
    ast.Constant(1, value=2)
except TypeError as e:
    print("TypeError:", e)
print(ast.Constant(1, kind="u").kind, ast.Constant(value=1, foo="bar").foo)


class N(ast.Constant):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.z = "spam"


n = N(42)
print(type(n).__name__, n.value, n.z)
