# eval/exec/compile with global and local namespaces, modes, and errors
print(eval("1 + 2 * 3"), eval("x * 2", {"x": 21}), eval("a + b", {"a": 1}, {"b": 2}))
ns = {}
exec("def sq(n):\n    return n * n\ny = sq(7)", ns)
print(ns["y"], ns["sq"](3), sorted(k for k in ns if k != "__builtins__"))
code = compile("z = 10\nz += 5", "<mine>", "exec")
d = {}
exec(code, d)
print(d["z"], type(code).__name__)
e = compile("3 ** 3", "<expr>", "eval")
print(eval(e))
v = 100
print(eval("v + 1"), exec("print('exec prints', v)"))
loc = {}
exec("w = 5", None, loc)
print(loc)
try:
    eval("1 +")
except SyntaxError as err:
    print(type(err).__name__, err.msg, err.lineno, err.filename, repr(err.text))
try:
    eval("undefined_var")
except NameError as err:
    print(type(err).__name__, err)
try:
    exec("raise ValueError('from exec')")
except ValueError as err:
    print(type(err).__name__, err)
s = compile("print('single mode')", "<s>", "single")
exec(s)
try:
    compile("x = ", "<bad>", "exec")
except SyntaxError as err:
    print(err.msg, err.filename, err.lineno)
print(eval("[i for i in range(3)]"), eval("(lambda q: q * 2)(4)"), eval(" 7 "))
