# syntax error: unmatched closing parenthesis
x = 1)
