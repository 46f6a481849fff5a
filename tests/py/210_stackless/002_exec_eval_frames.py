# exec() and eval() called from Python code: results, namespaces, errors and tracebacks
import sys

ns = {}
print(exec("a = 1 + 2", ns), ns["a"])
print(eval("a * 2", ns))
print(eval("x + y", {}, {"x": 1, "y": 4}))


def inner():
    loc = {}
    exec("b = [i * i for i in range(4)]", globals(), loc)
    return loc["b"], eval("len(b)", {}, loc)


print(inner())


def depth():
    n = 0
    f = sys._getframe()
    while f:
        n += 1
        f = f.f_back
    return n


print(eval("depth()") - depth())
try:
    exec("1 / 0")
except ZeroDivisionError as e:
    tb = e.__traceback__
    names = []
    while tb:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print("raised", names)
print(eval("eval('eval(\"6 * 7\")')"))
print(eval(compile("40 + 2", "<c>", "eval")))
exec(compile("print('compiled exec')", "<c>", "exec"))
print(list(map(eval, ["1", "2 + 2"])))


class Mapping(dict):
    def __missing__(self, key):
        return key.upper()


print(eval("abc", {}, Mapping()))
