# syntax error: continue outside loop in a function
def f():
    continue
