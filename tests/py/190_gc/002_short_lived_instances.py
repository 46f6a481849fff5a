# allocate millions of short-lived instances, lists and strings and print checksums
class P:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
acc = 0
for i in range(2_000_000):
    p = P(i, 3)
    acc += p.y
print(acc)
n = 0
for i in range(1_000_000):
    lst = [i, i, i]
    n += len(lst)
print(n)
s = 0
for i in range(500_000):
    s += len(str(i))
print(s)
class Plain:
    def __init__(self, v):
        self.v = v
k = 0
for i in range(1_000_000):
    k += Plain(i).v & 1
print(k)
