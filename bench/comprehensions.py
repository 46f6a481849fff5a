# Benchmark: list/dict/set comprehensions and generator expressions with filters, nesting and closures over loop data.


def grid_stats(n):
    grid = [[(r * 31 + c * 17) % 101 for c in range(n)] for r in range(n)]
    transposed = [[row[c] for row in grid] for c in range(n)]
    row_max = [max(row) for row in grid]
    evens = {v for row in grid for v in row if v % 2 == 0}
    col_sums = {c: sum(col) for c, col in enumerate(transposed)}
    diag = sum(grid[i][i] for i in range(n))
    return sum(row_max), len(evens), sum(col_sums.values()), diag


def words(n):
    vocab = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    text = [vocab[(i * 7) % len(vocab)] + str(i % 13) for i in range(n)]
    by_len = {}
    for w in text:
        by_len.setdefault(len(w), []).append(w)
    lengths = {k: len(v) for k, v in sorted(by_len.items())}
    upper = [w.upper() for w in text if w.startswith(("a", "e"))]
    pairs = [(a, b) for a in vocab for b in vocab if a < b and a[0] != b[0]]
    return lengths, len(upper), len(pairs)


def main():
    stats = None
    for _ in range(80):
        stats = grid_stats(120)
    lengths = upper = pairs = None
    for _ in range(80):
        lengths, upper, pairs = words(10000)
    squares = sum(x * x for x in range(1000000) if x % 3)
    assert sum(lengths.values()) == 10000
    print("comprehensions:", stats, lengths, upper, pairs, squares)


main()
