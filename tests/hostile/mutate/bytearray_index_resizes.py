# mutate: bytearray item/slice ops whose __index__ clears or grows the bytearray
class Clear:
    def __index__(self):
        B.clear()
        return 3
class Grow:
    def __index__(self):
        B.extend(b"x" * 5000)
        return 255
for op in range(8):
    B = bytearray(b"0123456789")
    try:
        if op == 0:
            B[Clear()] = 65
        elif op == 1:
            B[3] = Clear()
        elif op == 2:
            B.insert(Clear(), 1)
        elif op == 3:
            B.pop(Clear())
        elif op == 4:
            B[Clear():Grow()] = b"abc"
        elif op == 5:
            B.append(Clear())
        elif op == 6:
            B[0] = Grow()
        else:
            B[2:8:Clear()] = b"abc"
    except (IndexError, ValueError):
        pass
