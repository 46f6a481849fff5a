# Benchmark: a Hexiom-style puzzle solver: numbered tiles on a hexagonal board, constraint checks, backtracking with pruning.
import random
from collections import Counter

DIRECTIONS = ((1, 0), (1, -1), (0, -1), (-1, 0), (-1, 1), (0, 1))


class HexBoard:
    def __init__(self, radius):
        self.cells = [(q, r) for q in range(-radius, radius + 1) for r in range(-radius, radius + 1)
                      if abs(q + r) <= radius]
        index = {cell: i for i, cell in enumerate(self.cells)}
        self.neighbours = [tuple(index[(q + dq, r + dr)] for dq, dr in DIRECTIONS if (q + dq, r + dr) in index)
                           for q, r in self.cells]

    def numbers_for(self, occupied):
        """The tile each occupied cell must carry: its number of occupied neighbours."""
        return {i: sum(1 for n in self.neighbours[i] if n in occupied) for i in occupied}


class Solver:
    EMPTY = -1

    def __init__(self, board, tiles, fixed):
        self.board = board
        self.tiles = Counter(tiles)
        self.fixed = dict(fixed)
        self.empties = len(board.cells) - len(tiles)
        self.assign = [None] * len(board.cells)
        self.solutions = []
        self.nodes = 0

    def consistent(self, cell):
        """Check every assigned tile around cell (and cell itself) can still reach its number."""
        assign = self.assign
        for c in (cell,) + self.board.neighbours[cell]:
            value = assign[c]
            if value is None or value == self.EMPTY:
                continue
            occupied = unknown = 0
            for n in self.board.neighbours[c]:
                v = assign[n]
                if v is None:
                    unknown += 1
                elif v != self.EMPTY:
                    occupied += 1
            if occupied > value or occupied + unknown < value:
                return False
        return True

    def search(self, pos):
        self.nodes += 1
        if pos == len(self.assign):
            self.solutions.append(tuple(self.assign))
            return
        if pos in self.fixed:
            # A given cell: its tile was taken from the pool in solve().
            self.assign[pos] = self.fixed[pos]
            if self.consistent(pos):
                self.search(pos + 1)
            self.assign[pos] = None
            return
        choices = [t for t, n in sorted(self.tiles.items()) if n > 0]
        if self.empties > 0:
            choices.append(self.EMPTY)
        for choice in choices:
            if choice == self.EMPTY:
                self.empties -= 1
            else:
                self.tiles[choice] -= 1
            self.assign[pos] = choice
            if self.consistent(pos):
                self.search(pos + 1)
            self.assign[pos] = None
            if choice == self.EMPTY:
                self.empties += 1
            else:
                self.tiles[choice] += 1

    def solve(self):
        for cell, value in self.fixed.items():
            if value == self.EMPTY:
                self.empties -= 1
            else:
                self.tiles[value] -= 1
        self.search(0)
        return self.solutions


def make_puzzle(board, rng, filled, given):
    occupied = set(rng.sample(range(len(board.cells)), filled))
    numbers = board.numbers_for(occupied)
    fixed_cells = rng.sample(range(len(board.cells)), given)
    fixed = {c: numbers.get(c, Solver.EMPTY) for c in fixed_cells}
    return sorted(numbers.values()), fixed, numbers


def main():
    board = HexBoard(2)
    assert len(board.cells) == 19 and sum(map(len, board.neighbours)) == 84
    rng = random.Random(99)
    found = nodes = 0
    for puzzle in range(8):
        tiles, fixed, answer = make_puzzle(board, rng, 11, 3)
        solver = Solver(board, tiles, fixed)
        solutions = solver.solve()
        expected = tuple(answer.get(i, Solver.EMPTY) for i in range(len(board.cells)))
        assert expected in solutions, puzzle
        for s in solutions:
            occupied = {i for i, v in enumerate(s) if v != Solver.EMPTY}
            assert board.numbers_for(occupied) == {i: s[i] for i in occupied}
        found += len(solutions)
        nodes += solver.nodes
    print("hexiom_like: 8 puzzles, %d solutions, %d search nodes" % (found, nodes))


main()
