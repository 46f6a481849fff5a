# ast.parse of match statements and compile() of match trees
import ast

src = '''\
match command.split():
    case [action]:
        pass
    case [action, obj] if obj:
        pass
    case Point(x=0, y=0) | Point(1, 2):
        pass
    case {"x": x, **rest}:
        pass
    case [1, *others] | [2, *others]:
        pass
    case None | True | -1 | 1 + 2j | a.b:
        pass
    case _:
        pass
'''
tree = ast.parse(src)
for case in tree.body[0].cases:
    print(ast.dump(case, include_attributes=True))
print(ast.dump(tree.body[0].subject, include_attributes=True))

ns = {}
exec(compile(tree, "<match>", "exec"), {"command": "go north", "Point": object})
code = compile(ast.parse("match v:\n    case [a, b]:\n        r = a + b\n    case _:\n        r = None\n"), "<m>", "exec")
for v in ([1, 2], (3, 4), "ab", 5):
    ns = {"v": v}
    exec(code, ns)
    print(v, ns["r"])

def check(label, tree):
    try:
        compile(ast.fix_missing_locations(tree), "<t>", "exec")
        print(label, "ok")
    except Exception as e:
        print(label, type(e).__name__, e)

subject = ast.Name("x", ast.Load())
case = lambda p: ast.match_case(p, None, [ast.Pass()])
check("no cases", ast.Module([ast.Match(subject, [])], []))
check("or one", ast.Module([ast.Match(subject, [case(ast.MatchOr([ast.MatchAs()]))])], []))
check("capture _", ast.Module([ast.Match(subject, [case(ast.MatchAs(None, "_"))])], []))
check("singleton", ast.Module([ast.Match(subject, [case(ast.MatchSingleton(1))])], []))
check("value name", ast.Module([ast.Match(subject, [case(ast.MatchValue(ast.Name("y", ast.Load())))])], []))
check("good", ast.Module([ast.Match(subject, [case(ast.MatchAs(ast.MatchValue(ast.Constant(1)), "y"))])], []))
