# Euclid's gcd, Fibonacci and Collatz on big ints
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
print(gcd(2 ** 100 * 3 ** 50, 2 ** 80 * 3 ** 70 * 5))
a, b = 0, 1
for _ in range(500):
    a, b = b, a + b
print(a)
n = 2 ** 64 + 1
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print(steps)
