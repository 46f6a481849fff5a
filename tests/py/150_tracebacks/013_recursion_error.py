# unbounded recursion: RecursionError with "[Previous line repeated N more times]"
def recurse(n):
    return recurse(n + 1)

recurse(0)
