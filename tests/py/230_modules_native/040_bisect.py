# _bisect: bisect_left/right and insort_left/right, lo/hi, key=, sequences other than list, errors
import _bisect as b

data = [1, 2, 2, 2, 3, 5]
print([b.bisect_left(data, x) for x in range(7)], [b.bisect_right(data, x) for x in range(7)])
print(b.bisect_left(data, 2, 2), b.bisect_right(data, 2, 0, 3), b.bisect_left(data, 2, hi=2), b.bisect_right(data, 9, lo=1, hi=None))
print(b.bisect_left((1, 3, 5), 4), b.bisect_right('acegi', 'f'), b.bisect_left(range(0, 100, 5), 42))
recs = [('a', 1), ('b', 4), ('c', 9)]
print(b.bisect_left(recs, 4, key=lambda r: r[1]), b.bisect_right(recs, 4, key=lambda r: r[1]), b.bisect_left(recs, 5, key=None) if False else '')
l = []
for x in [5, 1, 4, 1, 3]:
    b.insort_right(l, x)
print(l)
b.insort_left(l, 4); b.insort_right(l, 0, 0, 0); b.insort_left(l, 9, lo=2)
print(l)
kl = [('x', 1), ('y', 5)]
b.insort_left(kl, ('z', 3), key=lambda r: r[1]); b.insort_right(kl, ('w', 5), key=lambda r: r[1])
print(kl)
class Seq:
    def __init__(self):
        self.items = [10, 20, 30]
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        return self.items[i]
    def insert(self, i, x):
        print('insert', i, x)
        self.items.insert(i, x)
s = Seq()
print(b.bisect_left(s, 25))
b.insort_right(s, 25)
print(s.items)
for expr in ["b.bisect_right()", "b.bisect_right([1], 1, 2, 3, 4)", "b.bisect_right([1], 1, -1)", "b.bisect_right([1], 1, 'a')",
             "b.bisect_right([1], 1, 0, 'a')", "b.bisect_right(1, 1)", "b.insort_left(1, 1)", "b.bisect_right([1], 1, 0, 5)",
             "b.bisect_left([1, 'a'], 2)", "b.insort(l, 1)", "b.insort_left((), 1)", "b.bisect([], 1)"]:
    try:
        print(expr, '->', eval(expr))
    except Exception as e:
        print(expr, '->', type(e).__name__, e)
print(sorted(n for n in dir(b) if not n.startswith('_')))
