# deep: sorted/min/max of deeply nested lists compared element-wise

a = None
b = None
for i in range(10**5):
    a = [a, 1]
    b = [b, 2]
for f in (lambda: sorted([a, b]), lambda: max(a, b), lambda: min([b, a]), lambda: a > b):
    try:
        f()
    except (RecursionError, TypeError):
        pass
