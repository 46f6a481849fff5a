# 1,000,000-deep plain recursion with sys.setrecursionlimit(2_000_000) returns the right answer
import sys
sys.setrecursionlimit(2_000_000)
def depth_sum(n):
    if n == 0:
        return 0
    return n + depth_sum(n - 1)
print(depth_sum(1_000_000))
def count(n, acc):
    if n == 0:
        return acc
    return count(n - 1, acc + 1)
print(count(1_000_000, 0))
