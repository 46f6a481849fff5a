# factorial(300) computed with a loop, digit sum and trailing zeros
f = 1
for i in range(1, 301):
    f *= i
print(f)
print(sum(int(c) for c in str(f)))
s = str(f)
print(len(s) - len(s.rstrip("0")))
print(f % 1000000007, f // 10 ** 600)
