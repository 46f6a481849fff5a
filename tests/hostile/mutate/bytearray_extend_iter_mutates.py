# mutate: bytearray.extend / bytearray(iter) / join with iterators that resize the bytearray
def gen():
    for i in range(200):
        if i % 10 == 0:
            B.clear()
        B.extend(b"zz")
        yield i
B = bytearray(b"abc")
B.extend(gen())
B = bytearray(b"abc")
B += bytes(gen())
class Idx:
    def __index__(self):
        B.clear()
        return 1
B = bytearray(b"abc")
B.extend([Idx(), Idx(), 3])
B = bytearray(b"abc")
try:
    B.join([B, b"x", B])
except (TypeError, BufferError):
    pass
print(len(B))
