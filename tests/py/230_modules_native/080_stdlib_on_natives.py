# CPython's own operator, heapq, bisect and struct modules running on slpy's native halves
import bisect
import heapq
import operator
import struct

print(operator.itemgetter(1)([1, 2]), operator.__lt__(1, 2), operator.attrgetter('real')(3), operator.iadd([1], [2]))
print(operator.__add__ is operator.add, operator.index(5), operator.length_hint(iter([1, 2, 3])), operator.is_(None, None))
print(heapq.nlargest(3, [5, 1, 8, 3, 9]), heapq.nsmallest(2, [5, 1, 8, 3, 9]), list(heapq.merge([1, 4], [2, 3])))
print(heapq.nlargest(2, ['aaa', 'b', 'cc'], key=len), list(heapq.merge([3, 1], [4, 2], key=lambda x: -x, reverse=False)))
print(list(heapq.merge([5, 3, 1], [4, 2], reverse=True)), heapq.heappushpop([1, 2], 0), heapq.heapify is not None)
h = []
for v in [3, 1, 2]:
    heapq.heappush(h, v)
print([heapq.heappop(h) for _ in range(3)])
grades = 'FDCBA'
print([grades[bisect.bisect([60, 70, 80, 90], s)] for s in [33, 99, 77, 70, 89, 90, 100]], bisect.insort is bisect.insort_right)
l = [1, 3]
bisect.insort(l, 2)
print(l, bisect.bisect_left(l, 2), bisect.bisect_right(l, 2, key=None))
print(struct.pack('>I', 7), struct.unpack('<h', b'\x01\x00'), struct.Struct('<i').size, struct.calcsize('@qb'))
print(struct.error.__module__, struct.pack_into.__name__, list(struct.iter_unpack('>H', b'\x00\x01\x00\x02')))
try:
    struct.pack('>h', 99999)
except struct.error as e:
    print('struct.error', e)
print(sorted(n for n in struct.__all__))
