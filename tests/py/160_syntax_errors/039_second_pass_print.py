# syntax error: the second parser pass also checks lines the first one accepted
print -1
x = (1 2)
