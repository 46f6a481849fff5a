# mutate: zip/map/filter/enumerate over lists that the mapped function empties
A = list(range(50))
B = list(range(50))
for x in map(lambda a, b: A.clear() or B.append(1), A, B):
    pass
A = list(range(50))
for x in zip(A, A, A):
    del A[:3]
A = list(range(50))
list(filter(lambda x: A.pop() if A else 0, A))
A = list(range(50))
for i, x in enumerate(A):
    A.insert(0, x) if len(A) < 200 else A.clear()
print(len(A))
