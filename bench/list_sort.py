# Benchmark: building, sorting (with keys and reverse), slicing and searching lists.
def lcg(seed):
    while True:
        seed = (seed * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        yield seed >> 33

gen = lcg(42)
data = [next(gen) % 1_000_000 for _ in range(200_000)]
a = sorted(data)
b = sorted(data, reverse=True)
c = sorted(data, key=lambda x: (x % 1000, x))
words = [str(x) for x in data[:100_000]]
words.sort()
words.sort(key=len)
pairs = list(zip(data[:100_000], range(100_000)))
pairs.sort()
merged = a[::2] + b[1::2]
merged.sort()

def bsearch(arr, x):
    lo, hi = 0, len(arr)
    while lo < hi:
        mid = (lo + hi) // 2
        if arr[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo

hits = sum(bsearch(a, x) for x in range(0, 1_000_000, 20))
print(a[0], a[-1], b[0], c[0], c[-1], words[0], words[-1], pairs[0], merged[1000], hits)
