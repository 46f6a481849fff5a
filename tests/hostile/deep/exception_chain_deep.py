# deep: printing an exception with a 10**5-long __context__/__cause__ chain
# hostile: timeout=40

e = None
for i in range(10**5):
    n = ValueError(i)
    n.__context__ = e
    e = n
try:
    raise e
except ValueError:
    pass
c = None
for i in range(10**5):
    n = KeyError(i)
    n.__cause__ = c
    c = n
raise c
