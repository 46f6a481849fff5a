# deep: except clause matching against a deeply nested tuple of exception classes

t = ValueError
for i in range(10**5):
    t = (t,)
try:
    try:
        raise KeyError
    except t:
        pass
except (RecursionError, KeyError, TypeError):
    pass
