# comparison operators on ints, floats, strings, mixed
print(1 < 2, 2 < 1, 1 <= 1, 2 >= 3, 1 == 1.0, 1 != 2)
print("abc" < "abd", "a" < "B", "" < "a", "Z" < "a")
print([1, 2] < [1, 3], (1, 2) == (1, 2), [1] == [1.0], (1, 2) < (1, 2, 0))
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1 > 0)
print(None == None, None == 0, 1 == "1")
print(None is None, True is not False)
x = [1]
y = x
print(x is y, x is not [1], x == [1])
