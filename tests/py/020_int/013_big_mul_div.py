# big multiplication and division consistency checks
a = 3 ** 1000 + 12345
b = 7 ** 300 - 1
q, r = divmod(a, b)
print(q * b + r == a, 0 <= r < b)
print(str(a * b)[:30], len(str(a * b)))
print((a * a) // a == a, (a * b) % b)
print(a // b % 1000, -a // b % 1000)
print(12345678901234567890 * 98765432109876543210)
print(10 ** 100 // 3, 10 ** 100 % 7)
print(abs(-(10 ** 50)), -(-(10 ** 50)))
