# larger list workloads: building, summing, reversing, filtering 100k elements
n = 100000
a = list(range(n))
b = [x * 2 for x in a if x % 3]
print(len(b), sum(b), b[:3], b[-3:])
a.reverse()
print(a[:3], a.index(0), max(a), min(a))
c = a[::7]
print(len(c), c[-1], sum(c) % 1000)
d = {}
for x in b:
    d[x % 97] = d.get(x % 97, 0) + 1
print(len(d), d[0], d[96])
s = set(x % 1000 for x in range(n))
print(len(s), 999 in s, 1000 in s)
