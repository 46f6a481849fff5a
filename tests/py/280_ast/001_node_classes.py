# _ast node classes: hierarchy, _fields/_attributes/__match_args__, defaults, constructor rules, reduce/copy/pickle
import ast, copy, pickle


def show_error(f):
    try:
        r = f()
    except Exception as e:
        msg = str(e)
        if " at 0x" in msg:
            msg = msg.split(" at 0x")[0] + ">"
        print("  ", type(e).__name__ + ":", msg)
    else:
        print("   ok", r)


for name in ["AST", "mod", "Module", "Expression", "Interactive", "FunctionType", "stmt", "FunctionDef",
             "AsyncFunctionDef", "ImportFrom", "expr", "Name", "Constant", "Starred", "Slice", "expr_context",
             "Load", "operator", "Add", "cmpop", "IsNot", "comprehension", "excepthandler", "ExceptHandler",
             "arguments", "arg", "keyword", "alias", "withitem", "match_case", "pattern", "MatchAs",
             "MatchClass", "type_ignore", "TypeIgnore"]:
    cls = getattr(ast, name)
    own = sorted(k for k, v in vars(cls).items() if v is None)
    print(name, [c.__name__ for c in cls.__mro__], cls._fields, cls._attributes,
          cls.__match_args__, cls.__module__, own)

print(repr(ast.Name.__doc__))
print(repr(ast.comprehension.__doc__))
print(repr(ast.expr_context.__doc__))
print(repr(ast.Load.__doc__))
print(repr(ast.cmpop.__doc__))
print(repr(ast.stmt.__doc__.splitlines()[0]), len(ast.stmt.__doc__.splitlines()))
print(repr(ast.pattern.__doc__.splitlines()[-1]))

import _ast
print(sorted(n for n in dir(_ast) if not n.startswith("_")))
print(_ast.PyCF_ONLY_AST, _ast.PyCF_TYPE_COMMENTS, _ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, ast.PyCF_ONLY_AST)

# constructor: positional by _fields, keywords, nothing set by default
print(ast.Name().__dict__, ast.Name("x").__dict__, ast.Name("x", ast.Load()).id)
n = ast.Name(id="y", ctx=ast.Store(), lineno=3, extra=5)
print(sorted(n.__dict__), n.lineno, n.extra, n.end_lineno, n.end_col_offset)
show_error(lambda: ast.Name("x").ctx)
show_error(lambda: ast.Name(1, 2, 3))
show_error(lambda: ast.Return(1, 2))
show_error(lambda: ast.AST(1))
show_error(lambda: ast.Load(1))
print(ast.Constant(5).kind, ast.FunctionDef("f").returns, ast.ImportFrom().level, ast.arg("a").annotation)
print(ast.MatchAs().pattern, ast.MatchAs().name, ast.keyword().arg)
show_error(lambda: ast.FunctionDef("f").body)
print(ast.AST()._fields, ast.AST().__dict__)

# subclasses with their own _fields
class My(ast.AST):
    _fields = ("a", "b")
m = My(1, b=2)
print(m.a, m.b, isinstance(m, ast.AST))
show_error(lambda: My(1, 2, 3))

# reduce, copy, pickle
n = ast.BinOp(ast.Constant(1), ast.Add(), ast.Name("x", ast.Load()), lineno=1, col_offset=0)
r = n.__reduce__()
print(r[0].__name__, r[1], sorted(r[2]))
print(ast.Load().__reduce__()[0].__name__, ast.Load().__reduce__()[1:])
c = copy.deepcopy(n)
print(type(c).__name__, c.left.value, type(c.op).__name__, c.right.id, c.lineno, c is not n, c.left is not n.left)
p = pickle.loads(pickle.dumps(n, 2))
print(ast.dump(p, include_attributes=True))
s = copy.copy(n)
print(s.left is n.left)

# deprecated aliases that ast.py defines
print(ast.dump(ast.Num(1)), ast.dump(ast.Str("s")), ast.dump(ast.Bytes(b"b")), ast.dump(ast.NameConstant(None)))
print(isinstance(ast.Constant(1), ast.Num), isinstance(ast.Constant("s"), ast.Num), isinstance(ast.Constant("s"), ast.Str))
print(ast.Num(5).n, ast.Str("q").s, type(ast.Num(1)).__name__)
print(ast.dump(ast.Index(ast.Constant(1))), type(ast.Suite).__name__)

# match on nodes
t = ast.parse("x = f(1, y=2)").body[0]
match t:
    case ast.Assign(targets=[ast.Name(id=name)], value=ast.Call(func=ast.Name(id=fn), args=[ast.Constant(value=v)])):
        print("matched", name, fn, v)
match t.value:
    case ast.Call(f, args, kws):
        print("positional", type(f).__name__, len(args), kws[0].arg)
