# Benchmark: N-queens by brute force over permutations (itertools), generators and sets, plus a backtracking solver.
import itertools


def queens_by_permutations(n):
    """Every permutation places one queen per row and column; keep those whose diagonals differ."""
    cols = range(n)
    for perm in itertools.permutations(cols):
        if len({perm[i] + i for i in cols}) == n and len({perm[i] - i for i in cols}) == n:
            yield perm


def queens_backtracking(n):
    solutions = []
    placed = []
    used_cols, used_up, used_down = set(), set(), set()

    def place(row):
        if row == n:
            solutions.append(tuple(placed))
            return
        for col in range(n):
            if col in used_cols or (row + col) in used_up or (row - col) in used_down:
                continue
            used_cols.add(col)
            used_up.add(row + col)
            used_down.add(row - col)
            placed.append(col)
            place(row + 1)
            placed.pop()
            used_cols.discard(col)
            used_up.discard(row + col)
            used_down.discard(row - col)

    place(0)
    return solutions


def main():
    for _ in range(10):
        perm_solutions = list(queens_by_permutations(8))
    assert len(perm_solutions) == 92, len(perm_solutions)
    total = 0
    for n in range(4, 11):
        sols = queens_backtracking(n)
        total += len(sols)
        if n == 8:
            assert sorted(sols) == sorted(perm_solutions)
    assert total == 2 + 10 + 4 + 40 + 92 + 352 + 724, total
    first = perm_solutions[0]
    print("nqueens: 8x8 %d solutions, first %s, 4..10 total %d" % (len(perm_solutions), first, total))


main()
