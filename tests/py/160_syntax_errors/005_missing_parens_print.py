# syntax error: Python 2 print statement gets the "Missing parentheses" hint
x = 1
print x
