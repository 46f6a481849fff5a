# print of a simple string, several arguments, and an empty line
print("hello, world")
print("a", "b", "c")
print()
print(1, 2.5, "x", None, True, False)
print("end")
