# big integer powers: 2**1000, 3**500, negative bases
print(2 ** 1000)
print(3 ** 500)
print((-2) ** 101)
print(10 ** 50 + 1)
print(2 ** 64, 2 ** 63 - 1, -(2 ** 63), 2 ** 128)
print(len(str(2 ** 10000)))
