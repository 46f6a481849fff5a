# deep: recursion alternating between Python frames and native calls (map, sorted, dict)

def f(n):
    if n == 0:
        return 0
    return list(map(f, [n - 1]))[0] + sorted([n], key=lambda x: f(x - 1) if x > n - 1 else x)[0]
try:
    f(10**6)
except RecursionError:
    pass
def g(n):
    return {n: 0}.get(n) + (g(n - 1) if n else 0) if False else max([n], key=lambda x: g(n - 1) if n else 0)
try:
    g(10**5)
except RecursionError:
    pass
