# while loops with complex conditions: binary search, gcd, digit loops
def bsearch(a, t):
    lo, hi = 0, len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if a[mid] < t:
            lo = mid + 1
        else:
            hi = mid
    return lo
a = list(range(0, 100, 3))
print([bsearch(a, t) for t in (0, 1, 3, 50, 99, 100)])
n, digits = 9876543210, []
while n:
    n, r = divmod(n, 10)
    digits.append(r)
print(digits)
x = 1
while x < 1000 and x % 7 != 0 or x == 1:
    x += 3
print(x)
