# syntax error: missing colon after def
def f()
    return 1
