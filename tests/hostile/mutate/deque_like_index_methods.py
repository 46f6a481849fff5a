# mutate: tuple/str/bytes/range index and count with start/stop __index__ that rebinds the sequence
class I:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        global seq
        seq = None
        return self.v
for s in ((1, 2, 3) * 20, "abc" * 20, b"abc" * 20, range(60), [1, 2, 3] * 20):
    seq = s
    for args in ((3, I(-1000)), (3, I(10**6), I(-5)), (3, 0, I(2**62))):
        try:
            s.index(*args)
        except (ValueError, TypeError):
            pass
        try:
            s.count(args[0])
        except TypeError:
            pass
