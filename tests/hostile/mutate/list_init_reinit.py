# mutate: calling __init__ again on a live list/dict/set/bytearray while iterating it
L = list(range(100))
it = iter(L)
next(it)
L.__init__([1])
print(list(it))
D = {i: i for i in range(50)}
try:
    for k in D:
        D.__init__({1: 2})
except RuntimeError:
    pass
S = set(range(50))
try:
    for k in S:
        S.__init__([1])
except RuntimeError:
    pass
B = bytearray(b"abc" * 100)
m = memoryview(B)
try:
    B.__init__(b"x")
except BufferError:
    pass
m.release()
B.__init__(b"ok")
L = [1, 2, 3]
L.__init__(L)
print(L, B)
