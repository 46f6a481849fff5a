# misc: mutating globals()/locals()/vars() and a class namespace while iterating or executing in them
g = globals()
try:
    for k in g:
        g["new_%d" % len(g)] = 1
except RuntimeError:
    pass
def f():
    x = 1
    loc = locals()
    loc["x"] = 2
    loc.clear()
    return x
print(f())
ns = {}
exec("import sys\nfor i in range(3):\n    globals().clear()\n", ns)
try:
    exec("a = 1\ndel a\ndel a", {})
except NameError:
    pass
class C:
    v = 1
    locals().clear()
    try:
        w = v
    except NameError:
        pass
g.pop("f")
try:
    f()
except NameError:
    pass
