# syntax error: inside an f-string field the line shown is the field in parentheses
x = 1
print(f"{x x}")
