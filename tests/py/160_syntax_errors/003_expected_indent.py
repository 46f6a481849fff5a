# syntax error: expected an indented block after if
if True:
print("x")
