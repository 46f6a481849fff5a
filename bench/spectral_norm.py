# Benchmark: spectral norm of an infinite matrix: float arithmetic in nested loops, map/zip/sum, generator expressions.
import math


def a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def mul_av(v):
    n = len(v)
    return [sum(a(i, j) * vj for j, vj in enumerate(v)) for i in range(n)]


def mul_atv(v):
    n = len(v)
    return [sum(a(j, i) * vj for j, vj in enumerate(v)) for i in range(n)]


def mul_atav(v):
    return mul_atv(mul_av(v))


def spectral_norm(n):
    u = [1.0] * n
    v = u
    for _ in range(10):
        v = mul_atav(u)
        u = mul_atav(v)
    vbv = sum(map(lambda x, y: x * y, u, v))
    vv = sum(x * x for x in v)
    return math.sqrt(vbv / vv)


def main():
    small = spectral_norm(100)
    assert abs(small - 1.274219991) < 1e-8, small
    result = spectral_norm(300)
    assert abs(result - 1.2742) < 1e-3, result
    print("spectral_norm: n=100 %.9f, n=300 %.9f" % (small, result))


main()
