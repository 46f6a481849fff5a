# mutate: list slice assignment from an iterator that mutates the target list
def gen():
    for i in range(20):
        L.append(i)
        if i == 10:
            L.clear()
        yield i
L = list(range(10))
L[2:5] = gen()
L[::-1] = L
L[1:3] = L
L = list(range(10))
try:
    L[::2] = gen()
except ValueError:
    pass
print(len(L))
