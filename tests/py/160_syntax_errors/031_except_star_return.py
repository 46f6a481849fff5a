# syntax error: return inside an except* block, reported at the returned value
def f(x):
    try:
        pass
    except* ValueError:
        return 1
print(f(0))
