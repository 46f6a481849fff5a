# syntax error: cannot assign to function call
def f():
    pass
f() = 5
