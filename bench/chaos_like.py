# Benchmark: chaos game: an iterated function system whose maps follow B-splines; float vectors, random.seed/random, a hit grid.
import math
import random


class Vec2:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, o):
        return Vec2(self.x + o.x, self.y + o.y)

    def __sub__(self, o):
        return Vec2(self.x - o.x, self.y - o.y)

    def __mul__(self, k):
        return Vec2(self.x * k, self.y * k)

    def length(self):
        return math.hypot(self.x, self.y)


class BSpline:
    """A uniform cubic B-spline through control points, evaluated with the basis functions."""

    def __init__(self, points):
        if len(points) < 4:
            raise ValueError("a cubic spline needs at least 4 points")
        self.points = points
        self.segments = len(points) - 3

    def at(self, u):
        # u in [0, 1] over the whole curve: pick the segment, then the local parameter t.
        u = min(max(u, 0.0), 1.0) * self.segments
        seg = min(int(u), self.segments - 1)
        t = u - seg
        t2 = t * t
        t3 = t2 * t
        b0 = (1 - t) ** 3 / 6.0
        b1 = (3 * t3 - 6 * t2 + 4) / 6.0
        b2 = (-3 * t3 + 3 * t2 + 3 * t + 1) / 6.0
        b3 = t3 / 6.0
        p = self.points
        return p[seg] * b0 + p[seg + 1] * b1 + p[seg + 2] * b2 + p[seg + 3] * b3

    def tangent(self, u, eps=1e-4):
        d = self.at(u + eps) - self.at(u - eps)
        n = d.length() or 1.0
        return d * (1.0 / n)


class ChaosGame:
    def __init__(self, splines, weights, size):
        self.splines = splines
        total = float(sum(weights))
        self.cumulative = []
        acc = 0.0
        for w in weights:
            acc += w / total
            self.cumulative.append(acc)
        self.size = size
        self.grid = [[0] * size for _ in range(size)]
        xs = [p.x for s in splines for p in s.points]
        ys = [p.y for s in splines for p in s.points]
        self.min_x, self.max_x = min(xs) - 0.5, max(xs) + 0.5
        self.min_y, self.max_y = min(ys) - 0.5, max(ys) + 0.5

    def choose(self, r):
        for i, c in enumerate(self.cumulative):
            if r <= c:
                return self.splines[i]
        return self.splines[-1]

    def transform(self, point, spline):
        # Map x (scaled to [0, 1]) along the spline and y as an offset along its normal.
        u = (point.x - self.min_x) / (self.max_x - self.min_x)
        v = (point.y - self.min_y) / (self.max_y - self.min_y) - 0.5
        base = spline.at(u)
        tan = spline.tangent(u)
        normal = Vec2(-tan.y, tan.x)
        return base + normal * (v * 0.6)

    def plot(self, point):
        i = int((point.x - self.min_x) / (self.max_x - self.min_x) * (self.size - 1))
        j = int((point.y - self.min_y) / (self.max_y - self.min_y) * (self.size - 1))
        if 0 <= i < self.size and 0 <= j < self.size:
            self.grid[j][i] += 1

    def run(self, rng, iterations):
        point = Vec2(rng.random(), rng.random())
        for n in range(iterations):
            point = self.transform(point, self.choose(rng.random()))
            if n > 20:
                self.plot(point)


def main():
    splines = [
        BSpline([Vec2(1.6, 0.1), Vec2(1.2, 0.4), Vec2(0.6, 0.9), Vec2(0.2, 1.0), Vec2(0.0, 0.8)]),
        BSpline([Vec2(1.0, 0.2), Vec2(1.4, 0.3), Vec2(1.7, 0.6), Vec2(1.9, 1.0)]),
        BSpline([Vec2(0.3, 0.1), Vec2(0.6, 0.0), Vec2(0.9, 0.1), Vec2(1.1, 0.5), Vec2(1.0, 0.9)]),
    ]
    random.seed(1234)
    game = ChaosGame(splines, [5, 3, 2], 64)
    game.run(random, 60000)
    hits = sum(map(sum, game.grid))
    filled = sum(1 for row in game.grid for c in row if c)
    checksum = 0
    for row in game.grid:
        for c in row:
            checksum = (checksum * 131 + c) % 998244353
    assert hits > 50000 and filled > 20, (hits, filled)
    print("chaos_like: %d hits, %d cells filled, checksum %d" % (hits, filled, checksum))


main()
