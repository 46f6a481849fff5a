# syntax error: closing bracket does not match opening parenthesis
x = [1, 2)
