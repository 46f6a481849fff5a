# Benchmark: SciMark-style kernels on lists: SOR relaxation, Monte Carlo pi with random, sparse matrix multiply, LU factorization.
import random


def sor(grid, omega, cycles):
    """Successive over-relaxation over the interior of a 2-D grid of floats."""
    n = len(grid)
    m = len(grid[0])
    w4 = omega * 0.25
    w1 = 1.0 - omega
    for _ in range(cycles):
        for i in range(1, n - 1):
            above, row, below = grid[i - 1], grid[i], grid[i + 1]
            for j in range(1, m - 1):
                row[j] = w4 * (above[j] + below[j] + row[j - 1] + row[j + 1]) + w1 * row[j]
    return sum(map(sum, grid))


def monte_carlo(samples, seed):
    rng = random.Random(seed)
    inside = 0
    for _ in range(samples):
        x = rng.random()
        y = rng.random()
        if x * x + y * y <= 1.0:
            inside += 1
    return 4.0 * inside / samples


def sparse_matmult(n, nz, cycles, rng):
    """y = A x with A in compressed-row form: values, column indices, row starts."""
    values, cols, row_start = [], [], [0]
    per_row = nz // n
    for r in range(n):
        step = max(1, n // per_row)
        for k in range(per_row):
            values.append(rng.random())
            cols.append((r + k * step) % n)
        row_start.append(len(values))
    x = [rng.random() for _ in range(n)]
    y = [0.0] * n
    for _ in range(cycles):
        for r in range(n):
            s = 0.0
            for k in range(row_start[r], row_start[r + 1]):
                s += values[k] * x[cols[k]]
            y[r] = s
    return sum(y)


def lu_factor(a, pivots):
    """In-place LU with partial pivoting (Doolittle, rows swapped as list objects)."""
    n = len(a)
    for j in range(n):
        p = max(range(j, n), key=lambda i: abs(a[i][j]))
        pivots[j] = p
        if a[p][j] == 0.0:
            raise ZeroDivisionError("singular matrix")
        if p != j:
            a[p], a[j] = a[j], a[p]
        row_j = a[j]
        recip = 1.0 / row_j[j]
        for i in range(j + 1, n):
            row_i = a[i]
            f = row_i[j] * recip
            row_i[j] = f
            if f != 0.0:
                for k in range(j + 1, n):
                    row_i[k] -= f * row_j[k]


def lu_solve(lu, pivots, b):
    n = len(lu)
    b = list(b)
    for i in range(n):
        p = pivots[i]
        b[i], b[p] = b[p], b[i]
    for i in range(n):
        b[i] -= sum(lu[i][k] * b[k] for k in range(i))
    for i in range(n - 1, -1, -1):
        b[i] = (b[i] - sum(lu[i][k] * b[k] for k in range(i + 1, n))) / lu[i][i]
    return b


def main():
    rng = random.Random(101)
    grid = [[rng.random() for _ in range(80)] for _ in range(80)]
    sor_sum = sor(grid, 1.25, 300)
    pi = monte_carlo(800000, 113)
    assert abs(pi - 3.1416) < 0.01, pi
    sm = sparse_matmult(1000, 5000, 100, rng)
    n = 90
    a = [[rng.random() for _ in range(n)] for _ in range(n)]
    x_true = [float(i % 7 - 3) for i in range(n)]
    b = [sum(a[i][k] * x_true[k] for k in range(n)) for i in range(n)]
    lu = [row[:] for row in a]
    pivots = [0] * n
    lu_factor(lu, pivots)
    x = lu_solve(lu, pivots, b)
    err = max(abs(u - v) for u, v in zip(x, x_true))
    assert err < 1e-8, err
    print("scimark_like: sor %.6f, pi %.5f, sparse %.6f, lu ok" % (sor_sum, pi, sm))


main()
