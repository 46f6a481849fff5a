# syntax error: error on a later line; nothing is executed (no output before the error)
print("this is never printed")
x = (1 +
     2 +)
