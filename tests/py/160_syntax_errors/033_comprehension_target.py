# syntax error: a comprehension target that needs parentheses
pairs = [(1, 2)]
print([x, y for x, y in pairs])
