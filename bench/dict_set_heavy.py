# Benchmark: dict and set operations: insert/delete churn, membership, get/setdefault, items iteration, set algebra, Counter/defaultdict.
from collections import Counter, defaultdict


def churn(n):
    d = {}
    for i in range(n):
        d[i * 7 % 1000003] = i
        if i % 3 == 0:
            d.pop((i // 2) * 7 % 1000003, None)
    total = 0
    for k, v in d.items():
        total += k ^ v
    return len(d), total


def string_keys(n):
    keys = ["key%d" % (i % 5000) for i in range(n)]
    counts = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    groups = defaultdict(list)
    for k in keys[:20000]:
        groups[k[-1]].append(k)
    index = {}
    for i, k in enumerate(keys[:20000]):
        index.setdefault(k[:4], []).append(i)
    c = Counter(k[-2:] for k in keys)
    return len(counts), sorted((k, len(v)) for k, v in groups.items()), len(index), c.most_common(3)


def set_algebra(n):
    a = set(range(0, n, 2))
    b = set(range(0, n, 3))
    c = {x for x in range(n) if x % 5 == 1}
    u = a | b | c
    i = a & b
    dif = (a - b) ^ c
    hits = 0
    for x in range(n):
        if x in i:
            hits += 1
        if x in dif:
            hits += 2
    fs = frozenset(i)
    nested = {fs, frozenset(c), frozenset(i)}
    return len(u), len(i), len(dif), hits, len(nested), a.isdisjoint(c), i <= a


def main():
    r1 = churn(400000)
    r2 = string_keys(300000)
    r3 = set_algebra(300000)
    assert r2[0] == 5000 and r3[4] == 2
    print("dict_set_heavy:", r1, r2, r3)


main()
