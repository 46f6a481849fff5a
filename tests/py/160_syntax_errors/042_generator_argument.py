# syntax error: an unparenthesized generator expression among other arguments
total = sum(x for x in range(3), 10)
