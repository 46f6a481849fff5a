# garbage made of closures, bound methods, generators and exceptions (each with references to frames)
def make(i):
    def f():
        return i
    return f
t = 0
for i in range(500_000):
    t += make(i)()
print(t)
class C:
    def m(self):
        return 1
c = C()
s = 0
for i in range(500_000):
    bm = c.m
    s += bm()
print(s)
def gen(n):
    yield n
    yield n + 1
g_total = 0
for i in range(300_000):
    g = gen(i)
    g_total += next(g)
print(g_total)
e_count = 0
for i in range(200_000):
    try:
        raise ValueError(i)
    except ValueError as e:
        e_count += e.args[0] & 1
print(e_count)
