# mutate: memoryview indexing/assignment where __index__ releases the view or resizes the base
class Rel:
    def __index__(self):
        m.release()
        return 1
class Resize:
    def __index__(self):
        try:
            B.clear()
        except BufferError:
            pass
        return 2
for op in range(6):
    B = bytearray(b"abcdef")
    m = memoryview(B)
    try:
        if op == 0:
            m[Rel()]
        elif op == 1:
            m[Rel()] = 5
        elif op == 2:
            m[1] = Rel()
        elif op == 3:
            m[Rel():4]
        elif op == 4:
            m[0:2] = memoryview(b"xy")
            m[Resize()] = Resize()
        else:
            m[::Rel()]
    except (ValueError, TypeError, IndexError):
        pass
