# _heapq: heap operations, max-heap helpers, errors, and comparisons that change the heap
import _heapq as h

heap = []
for x in [5, 7, 9, 1, 3, 8, 2]:
    h.heappush(heap, x)
print(heap, [h.heappop(heap) for _ in range(3)], heap)
data = [9, 1, 8, 2, 7, 3, 6, 4, 5, 0]
h.heapify(data)
print(data, h.heapreplace(data, 11), data, h.heappushpop(data, -1), h.heappushpop(data, 100), data)
print([h.heappop(data) for _ in range(len(data))])
mx = [1, 5, 3, 9, 7]
h._heapify_max(mx)
print(mx, h._heappop_max(mx), mx, h._heapreplace_max(mx, 4), mx)
big = list(range(3000, 0, -1))
h.heapify(big)
print(big[:10], all(big[i] <= big[2 * i + 1] for i in range(1499)), [h.heappop(big) for _ in range(5)])
pairs = []
for p in [(2, 'b'), (1, 'z'), (2, 'a'), (1, 'y')]:
    h.heappush(pairs, p)
print([h.heappop(pairs) for _ in range(4)])
for expr in ["h.heappush()", "h.heappush(1, 2)", "h.heappop([])", "h.heappop(1)", "h.heapreplace([], 1)",
             "h.heappushpop([], 1)", "h.heapify(1)", "h._heappop_max([])", "h._heapreplace_max([], 1)",
             "h.heappush([1, 'a'], 2)", "h.heapify([3, 'a', 1])"]:
    try:
        print(expr, '->', eval(expr))
    except Exception as e:
        print(expr, '->', type(e).__name__, e)

class Shrinker:
    def __init__(self, heap, v):
        self.heap, self.v = heap, v
    def __lt__(self, other):
        self.heap.clear()
        return True
heap = [Shrinker(None, i) for i in range(6)]
for s in heap:
    s.heap = heap
for op in (lambda: h.heappush(heap, Shrinker(heap, 9)), lambda: h.heapify(heap)):
    heap[:] = [Shrinker(heap, i) for i in range(6)]
    try:
        op()
    except (RuntimeError, IndexError) as e:
        print(type(e).__name__, e)
print(sorted(n for n in dir(h) if not n.startswith('__')))
