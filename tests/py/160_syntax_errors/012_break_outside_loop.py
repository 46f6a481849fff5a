# syntax error: break outside loop
x = 0
if x == 0:
    break
