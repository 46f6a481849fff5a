# layout: __class__ assignment on int/str/tuple subclass instances (variable-size layouts)
class I1(int): pass
class I2(int):
    __slots__ = ()
class I3(int):
    def __init__(self, *a):
        self.extra = 1
class T1(tuple): pass
class T2(tuple):
    __slots__ = ()
for group in ((I1, I2, I3), (T1, T2)):
    for a in group:
        for b in group:
            x = a(10**40) if a in (I1, I2, I3) else a(range(10))
            try:
                x.__class__ = b
            except TypeError:
                continue
            repr(x), hash(x), x == x
