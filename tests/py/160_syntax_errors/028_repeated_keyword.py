# syntax error: keyword argument repeated
print(1, sep="a", sep="b")
