# syntax error: f-string with empty expression
x = 1
print(f"{}")
