# syntax error: cannot delete function call
def f():
    pass
del f()
