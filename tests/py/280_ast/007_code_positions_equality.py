# code objects: co_positions/co_lines of the module start and of async for, co_linetable through replace(), equality of code compiled from source and from its ast
import ast

code = compile("x = 1\ny = x", "<s>", "exec")
print(list(code.co_positions())[0], list(code.co_lines())[0])
code = compile("\n" * 300 + "spam", "<s>", "exec")
print([line for _, _, line in code.co_lines()][:2])
# Each entry of co_lines() is a run of units with one position.
code = compile("a = b + c", "<s>", "exec")
lines = list(code.co_lines())
print(lines[0][:2] == (0, 2), all(s < e for s, e, _ in lines), sorted(set(l for _, _, l in lines if l is not None)))

src = """
async def f(aseq):
    async for i in aseq:
        body
"""
ns = {}
exec(compile(src, "<s>", "exec"), ns)
fc = ns["f"].__code__
last = None
seen = []
for _, _, line in fc.co_lines():
    if line is not None and line != last:
        seen.append(line - fc.co_firstlineno)
        last = line
print(seen)

sources = ["x = 5", "if True:\n    pass\n", "for n in [1, 2, 3]:\n    print(n)\n", "def foo(a, *b, c=1.5, **d):\n    return (a, -0.0, 0.0, b)\nfoo()\n",
           "class C:\n    def m(self): return {1, 2}\n"]
for s in sources:
    c1 = compile(s, "a", "exec")
    c2 = compile(ast.parse(s), "b", "exec")
    print(c1 == c2, c1 != c2, hash(c1) == hash(c2), c1.co_filename, c2.co_filename)
print(compile("x = 0.0", "a", "exec") == compile("x = -0.0", "a", "exec"))
print(compile("x = 1", "a", "exec") == compile("x = 1.0", "a", "exec"))
print(compile("x = 1", "a", "exec") == compile("y = 1", "a", "exec"))
print(compile("x = 1", "a", "exec") == compile("\nx = 1", "a", "exec"))
print(len({compile("x = 1", "a", "exec"), compile("x = 1", "b", "exec")}))

# co_linetable round-trips through code.replace (slpy's units differ from CPython's: only
# compare what the table says, not its bytes).
pending = [compile("def f(a, b):\n    x = (a +\n         b)\n    return [i for i in x]\n" + "\n" * 300 + "z = " + "q" * 200 + " = 1\n", "<t>", "exec")]
while pending:
    c = pending.pop()
    pending.extend(k for k in c.co_consts if hasattr(k, "co_code"))
    r = c.replace(co_linetable=c.co_linetable)
    print(c.co_name, type(c.co_linetable).__name__, list(r.co_positions()) == list(c.co_positions()),
          list(r.co_lines()) == list(c.co_lines()), r == c)
print(set(compile("x = 1", "<t>", "exec").replace(co_linetable=b"\xf8").co_positions()))
