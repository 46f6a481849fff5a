# syntax error: invalid character in identifier (non-ASCII operator)
x = 1 – 2
