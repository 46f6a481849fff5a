# syntax error: a block missing at the end of the file (CPython shows no caret there)
print("never run")
for i in range(3):