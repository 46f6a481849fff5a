# Generator next() driven by a for loop, per item; run by slpy and by CPython 3.11 alike.
# usage: PYTHON bench/stackless/gen_bench.py [N]
import sys
import time


def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def main(n):
    t0 = time.perf_counter()
    total = 0
    for x in numbers(n):
        total += x
    t1 = time.perf_counter()
    assert total == n * (n - 1) // 2, total
    print("RESULT gen %.1f ns/item" % ((t1 - t0) / n * 1e9))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 5_000_000)
