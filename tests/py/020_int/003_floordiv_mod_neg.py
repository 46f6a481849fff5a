# floor division and modulo with negative operands (small and big)
for a in (7, -7, 0, 13, -13):
    for b in (2, -2, 3, -3):
        print(a, b, a // b, a % b, divmod(a, b))
big = 10 ** 30 + 7
print(big // -3, big % -3, -big // 3, -big % 3)
print(-big // -(10 ** 15), -big % -(10 ** 15))
print((-1) // (10 ** 40), (-1) % (10 ** 40))
