# Benchmark: exact-cover puzzle in the meteor style: pentomino placements as int bitmasks, orientations via sets, backtracking search.

PENTOMINOES = {
    "F": [(0, 1), (0, 2), (1, 0), (1, 1), (2, 1)],
    "I": [(0, 0), (1, 0), (2, 0), (3, 0), (4, 0)],
    "L": [(0, 0), (1, 0), (2, 0), (3, 0), (3, 1)],
    "N": [(0, 1), (1, 1), (2, 0), (2, 1), (3, 0)],
    "P": [(0, 0), (0, 1), (1, 0), (1, 1), (2, 0)],
    "T": [(0, 0), (0, 1), (0, 2), (1, 1), (2, 1)],
    "U": [(0, 0), (0, 2), (1, 0), (1, 1), (1, 2)],
    "V": [(0, 0), (1, 0), (2, 0), (2, 1), (2, 2)],
    "W": [(0, 0), (1, 0), (1, 1), (2, 1), (2, 2)],
    "X": [(0, 1), (1, 0), (1, 1), (1, 2), (2, 1)],
    "Y": [(0, 1), (1, 0), (1, 1), (2, 1), (3, 1)],
    "Z": [(0, 0), (0, 1), (1, 1), (2, 1), (2, 2)],
}


def normalize(cells):
    r0 = min(r for r, _ in cells)
    c0 = min(c for _, c in cells)
    return frozenset((r - r0, c - c0) for r, c in cells)


def orientations(cells):
    """The distinct rotations and reflections of a piece, as normalized frozensets."""
    shapes = set()
    current = list(cells)
    for _ in range(4):
        current = [(c, -r) for r, c in current]
        shapes.add(normalize(current))
        shapes.add(normalize([(r, -c) for r, c in current]))
    return shapes


def placements(rows, cols):
    """For each piece, for each board cell, the bitmasks of placements whose first cell is that cell."""
    table = {}
    for name, cells in PENTOMINOES.items():
        by_cell = [[] for _ in range(rows * cols)]
        for shape in orientations(cells):
            first = min(shape)  # the first cell in row-major order anchors the placement
            for r in range(rows):
                for c in range(cols):
                    dr, dc = r - first[0], c - first[1]
                    mask = 0
                    for sr, sc in shape:
                        rr, cc = sr + dr, sc + dc
                        if not (0 <= rr < rows and 0 <= cc < cols):
                            break
                        mask |= 1 << (rr * cols + cc)
                    else:
                        by_cell[r * cols + c].append(mask)
        table[name] = by_cell
    return table


def solve(rows, cols, table):
    full = (1 << (rows * cols)) - 1
    names = sorted(table)
    solutions = []
    placed = []

    def search(board, remaining):
        if board == full:
            solutions.append(tuple(placed))
            return
        # The lowest empty cell must be covered by some placement anchored there.
        free = ~board & full
        cell = (free & -free).bit_length() - 1
        for name in list(remaining):
            remaining.discard(name)
            for mask in table[name][cell]:
                if not board & mask:
                    placed.append((name, mask))
                    search(board | mask, remaining)
                    placed.pop()
            remaining.add(name)

    search(0, set(names))
    return solutions


def render(solution, rows, cols):
    grid = [["."] * cols for _ in range(rows)]
    for name, mask in solution:
        for i in range(rows * cols):
            if mask >> i & 1:
                grid[i // cols][i % cols] = name
    return "/".join("".join(row) for row in grid)


def main():
    rows, cols = 5, 6
    table = placements(rows, cols)
    assert sum(len(orientations(c)) for c in PENTOMINOES.values()) == 63
    solutions = solve(rows, cols, table)
    boards = sorted(render(s, rows, cols) for s in solutions)
    # Every tiling appears with its mirror images, so the count is a multiple of 4 for a 5x6 board.
    assert len(solutions) % 4 == 0, len(solutions)
    # The same board turned on its side has the same number of tilings.
    assert len(solve(cols, rows, placements(cols, rows))) == len(solutions)
    print("meteor_like: %d tilings of %dx%d, first %s, last %s" % (len(solutions), rows, cols, boards[0], boards[-1]))


main()
