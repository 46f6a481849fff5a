# Benchmark: random playouts of 9x9 Go: board as a list, neighbour tables, flood fill for groups and liberties, captures, random.
import random

SIZE = 9
EMPTY, BLACK, WHITE = 0, 1, 2


def make_neighbours(size):
    table = []
    for p in range(size * size):
        r, c = divmod(p, size)
        n = []
        if r > 0:
            n.append(p - size)
        if r < size - 1:
            n.append(p + size)
        if c > 0:
            n.append(p - 1)
        if c < size - 1:
            n.append(p + 1)
        table.append(tuple(n))
    return table


NEIGHBOURS = make_neighbours(SIZE)


class Board:
    def __init__(self):
        self.cells = [EMPTY] * (SIZE * SIZE)
        self.captured = {BLACK: 0, WHITE: 0}
        self.ko = None
        self.moves = 0

    def group(self, p):
        """The stones connected to p and the set of their liberties."""
        colour = self.cells[p]
        stones = {p}
        liberties = set()
        todo = [p]
        cells = self.cells
        while todo:
            q = todo.pop()
            for n in NEIGHBOURS[q]:
                v = cells[n]
                if v == EMPTY:
                    liberties.add(n)
                elif v == colour and n not in stones:
                    stones.add(n)
                    todo.append(n)
        return stones, liberties

    def is_eye(self, p, colour):
        return all(self.cells[n] == colour for n in NEIGHBOURS[p])

    def legal(self, p, colour):
        if self.cells[p] != EMPTY or p == self.ko:
            return False
        other = 3 - colour
        for n in NEIGHBOURS[p]:
            v = self.cells[n]
            if v == EMPTY:
                return True
        # No empty neighbour: legal only if it captures or joins a group with another liberty.
        self.cells[p] = colour
        try:
            for n in NEIGHBOURS[p]:
                v = self.cells[n]
                if v == other and not self.group(n)[1]:
                    return True
            return bool(self.group(p)[1])
        finally:
            self.cells[p] = EMPTY

    def play(self, p, colour):
        self.cells[p] = colour
        other = 3 - colour
        removed = []
        for n in NEIGHBOURS[p]:
            if self.cells[n] == other:
                stones, libs = self.group(n)
                if not libs:
                    for s in stones:
                        self.cells[s] = EMPTY
                    removed.extend(stones)
        self.captured[colour] += len(removed)
        self.ko = removed[0] if len(removed) == 1 else None
        self.moves += 1

    def score(self):
        """Area scoring: stones plus empty points reached only by one colour."""
        counts = {BLACK: 0, WHITE: 0}
        seen = set()
        for p, v in enumerate(self.cells):
            if v != EMPTY:
                counts[v] += 1
            elif p not in seen:
                region, borders, todo = {p}, set(), [p]
                while todo:
                    q = todo.pop()
                    for n in NEIGHBOURS[q]:
                        w = self.cells[n]
                        if w == EMPTY and n not in region:
                            region.add(n)
                            todo.append(n)
                        elif w != EMPTY:
                            borders.add(w)
                seen |= region
                if len(borders) == 1:
                    counts[borders.pop()] += len(region)
        return counts[BLACK], counts[WHITE]


def playout(rng):
    board = Board()
    colour = BLACK
    passes = 0
    points = list(range(SIZE * SIZE))
    while passes < 2 and board.moves < 300:
        rng.shuffle(points)
        for p in points:
            if board.legal(p, colour) and not board.is_eye(p, colour):
                board.play(p, colour)
                passes = 0
                break
        else:
            passes += 1
        colour = 3 - colour
    return board


def main():
    rng = random.Random(2024)
    black_wins = 0
    total_moves = 0
    total_captures = 0
    for _ in range(70):
        board = playout(rng)
        b, w = board.score()
        assert b + w <= SIZE * SIZE
        black_wins += b > w + 7
        total_moves += board.moves
        total_captures += board.captured[BLACK] + board.captured[WHITE]
    print("go_like: 70 playouts, black wins %d, moves %d, captures %d" % (black_wins, total_moves, total_captures))


main()
