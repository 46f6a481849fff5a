# Benchmark: deep recursion (200,000 frames) repeated, plus deep tree building and walking.
import sys
sys.setrecursionlimit(1_000_000)

def depth_sum(n):
    if n == 0:
        return 0
    return n + depth_sum(n - 1)

def build(depth):
    if depth == 0:
        return None
    return (depth, build(depth - 1))

def walk(node):
    if node is None:
        return 0
    return node[0] % 7 + walk(node[1])

total = 0
for _ in range(10):
    total += depth_sum(200_000)
chain = build(200_000)
for _ in range(5):
    total += walk(chain)
print(total)
