# accumulating float sums in loops (deterministic IEEE results)
s = 0.0
for i in range(1, 10001):
    s += 1.0 / i
print(s)
p = 1.0
for i in range(1, 171):
    p *= i
print(p)
print(p * 171)
x = 0.0
for _ in range(10):
    x += 0.1
print(x, x == 1.0)
print(sum([0.1] * 10), sum([1e100, 1.0, -1e100]))
a = 1.0
n = 0
while 1.0 + a != 1.0:
    a /= 2
    n += 1
print(n, a)
