# pass, Ellipsis, empty bodies via docstrings, and expression statements
def f():
    "only a docstring"
def g():
    ...
class C:
    pass
print(f(), g(), f.__doc__, ..., Ellipsis is ..., type(...).__name__, repr(Ellipsis))
1 + 1
"a string statement"
[1, 2, 3]
print("done")
