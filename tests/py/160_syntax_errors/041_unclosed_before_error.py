# syntax error: a bracket never closed before the failing line is reported instead
items = [1, 2,
for x in y:
    pass
