# chains of native iterators wrapping native iterators, 5,000 deep: consumed by every native consumer, results intact
N = 5_000

def chain(kind, n=N):
    it = iter([-3, 1, -2, 0, 4])
    for _ in range(n):
        if kind == "map":
            it = map(abs, it)
        elif kind == "filter":
            it = filter(None, it)
        elif kind == "zip":
            it = map(lambda t: t[0], zip(it))
        elif kind == "enumerate":
            it = map(lambda t: t[1], enumerate(it))
        elif kind == "map2":
            it = map(max, it, iter([0] * 5))
    return it

for kind in ("map", "filter", "zip", "enumerate", "map2"):
    print(kind, list(chain(kind, 1)), list(chain(kind)), sum(chain(kind)), sorted(chain(kind)),
          max(chain(kind)), 4 in chain(kind), tuple(chain(kind))[:2], "-".join(map(str, chain(kind))))
