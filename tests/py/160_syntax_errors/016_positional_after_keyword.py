# syntax error: positional argument follows keyword argument
print(sep="-", 1)
