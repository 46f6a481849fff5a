# mutate: str.join / bytes.join over a list that a __str__-free element path mutates via __iter__
class It:
    def __iter__(self):
        L.clear()
        return iter(["a", "b"] * 100)
L = ["x"] * 100
print(len("".join(It())))
class S(str):
    pass
L = [S("a") for _ in range(100)]
class Evil:
    def __iter__(self):
        for i in range(100):
            L.clear()
            yield "q"
print(len(",".join(Evil())))
try:
    b"".join([b"a", bytearray(b"b"), memoryview(b"c"), 3])
except TypeError:
    pass
