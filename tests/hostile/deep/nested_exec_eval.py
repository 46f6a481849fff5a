# deep: eval/exec nested through Python functions until RecursionError

def f(n):
    return eval("f(n + 1)", {"f": f, "n": n})
try:
    f(0)
except RecursionError:
    pass
def g():
    exec("g()", {"g": g})
try:
    g()
except RecursionError:
    pass
