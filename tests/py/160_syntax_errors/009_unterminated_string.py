# syntax error: unterminated string literal
x = "abc
print(x)
