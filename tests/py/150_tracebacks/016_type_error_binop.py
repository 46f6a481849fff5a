# TypeError from an unsupported binary operation inside a function called with keyword args
def combine(left, right, sep=" "):
    return left + sep + right

print(combine("a", "b"))
print(combine(left="a", right=3))
