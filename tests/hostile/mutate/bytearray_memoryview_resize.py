# mutate: resizing a bytearray with live memoryview exports (BufferError expected)
B = bytearray(b"abcdef")
m = memoryview(B)
for op in ("append", "clear", "extend", "pop", "slice", "iadd", "del"):
    try:
        if op == "append":
            B.append(1)
        elif op == "clear":
            B.clear()
        elif op == "extend":
            B.extend(b"xyz")
        elif op == "pop":
            B.pop()
        elif op == "slice":
            B[1:3] = b"x" * 100
        elif op == "iadd":
            B += b"q" * 100
        else:
            del B[:]
    except BufferError:
        pass
print(bytes(m))
m.release()
B.clear()
