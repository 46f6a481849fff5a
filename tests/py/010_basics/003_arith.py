# basic integer arithmetic and operator precedence
print(1 + 2, 7 - 10, 6 * 7, 7 / 2, 7 // 2, 7 % 3, 2 ** 10)
print(2 + 3 * 4, (2 + 3) * 4, 2 ** 3 ** 2, -2 ** 2, (-2) ** 2)
print(10 - 2 - 3, 100 // 10 // 3, 2 * 3 % 4)
print(1 + 2 * 3 - 4 / 2)
print(-7 // 2, -7 % 2, 7 // -2, 7 % -2)
print(2 ** -1, 10 ** 0, 0 ** 0)
print(~5, ~-1, -~3)
