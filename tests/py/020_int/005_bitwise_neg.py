# bitwise and/or/xor/invert on negative and big integers
for a in (12, -12, 0, -1, 255):
    for b in (10, -10, 7):
        print(a, b, a & b, a | b, a ^ b)
print(~0, ~-1, ~(2 ** 100))
x = 2 ** 100 + 5
print(x & -x, x | -(2 ** 70), x ^ -1, -x & 0xFFFF)
print((-(2 ** 65)) & (2 ** 66 - 1))
