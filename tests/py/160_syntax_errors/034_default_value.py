# syntax error: a parameter default without its value
def f(a, d=, c):
    return a
