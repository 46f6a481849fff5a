# Benchmark: sequence unpacking and packing: tuple/list targets, starred targets, swaps, nested unpacking in for loops.


def tuples(rounds):
    acc = 0
    t = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
    for _ in range(rounds):
        a, b, c, d, e, f, g, h, i, j = t
        a, b, c, d, e, f, g, h, i, j = j, i, h, g, f, e, d, c, b, a
        a, b = b, a
        c, d, e = e, c, d
        acc += a - b + c * d - e + f - g + h - i + j
    return acc


def lists(rounds):
    acc = 0
    values = [3, 1, 4, 1, 5, 9, 2, 6]
    for _ in range(rounds):
        a, b, c, d, e, f, g, h = values
        first, *middle, last = values
        head, second, *rest = values
        acc += a * h - b * g + c * f - d * e + first - last + len(middle) + second + rest[0]
    return acc


def nested(pairs):
    acc = 0
    for (x, y), (name, (lo, hi)) in pairs:
        acc += x * lo - y * hi + len(name)
    return acc


def returns(n):
    def divmod_both(a, b):
        return a // b, a % b, b

    total = 0
    for i in range(1, n):
        q, r, b = divmod_both(i * 7919, i % 97 + 1)
        q2, r2 = divmod(q, b)
        total += q2 + r2 + r
    return total


def main():
    t = tuples(600000)
    lst = lists(300000)
    pairs = [((i, i + 1), ("n%d" % i, (i % 7, i % 11))) for i in range(1000)]
    ns = sum(nested(pairs) for _ in range(200))
    r = returns(300000)
    assert t == 600000 * (9 - 10 + 6 * 8 - 7 + 5 - 4 + 3 - 2 + 1), t
    assert lst == 300000 * (3 * 6 - 1 * 2 + 4 * 9 - 1 * 5 + 3 - 6 + 6 + 1 + 4), lst
    print("unpack_sequence: %d %d %d %d" % (t, lst, ns, r))


main()
