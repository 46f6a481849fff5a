# syntax error: invalid assignment with == confusion in if (maybe you meant ==)
x = 1
if x = 1:
    pass
