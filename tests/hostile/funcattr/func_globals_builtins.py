# funcattr: functions run with odd globals, no builtins, and builtins replaced
g = {"__builtins__": {}}
exec("def f():\n    return len([1])", g)
try:
    g["f"]()
except NameError:
    pass
g = {"__builtins__": 1}
try:
    exec("x = len", g)
except (NameError, TypeError):
    pass
class D(dict):
    def __getitem__(self, k):
        raise KeyError(k)
try:
    exec("y = 1\nprint(y)", D())
except (NameError, TypeError):
    pass
try:
    exec("z", {}, 5)
except TypeError:
    pass
