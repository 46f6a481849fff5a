# float arithmetic: floor division, modulo sign rules, power
for a in (7.5, -7.5, 0.5):
    for b in (2.0, -2.0, 0.3):
        print(a, b, a // b, a % b, divmod(a, b))
print(2.0 ** 0.5, 2 ** -1.0, (-8.0) ** 3, 10.0 ** -2, 0.0 ** 0)
print(1.5 * 4, 0.1 * 3, 1 - 0.9, 0.1 + 0.7)
print(-7.0 % 3, 7.0 % -3, -0.0 % 5, 0.0 % -5)
print(3.0 // 0.1, 3.0 % 0.1)
