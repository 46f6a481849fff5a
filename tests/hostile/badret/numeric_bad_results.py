# badret: __int__/__float__/__index__/__round__/__abs__/__neg__ returning wrong types, used by natives
class X:
    def __init__(self, v):
        self.v = v
    def __int__(self):
        return self.v
    def __float__(self):
        return self.v
    def __round__(self, n=None):
        return self.v
    def __abs__(self):
        return self.v
    def __trunc__(self):
        return self.v
class MyFloat(float):
    pass
class MyInt(int):
    pass
for v in ("s", None, 1.5, 2**100, MyFloat(1.5), MyInt(3), [], -0.0, float("nan")):
    x = X(v)
    for f in (int, float, round, abs, lambda a: round(a, 2), lambda a: "%d" % a, lambda a: "%f" % a, lambda a: "%x" % a,
              lambda a: format(a, "d"), lambda a: int(a) if False else divmod(a, 1), lambda a: complex(a),
              lambda a: pow(a, 2), lambda a: max(a, 1), lambda a: sum([a, 1])):
        try:
            f(x)
        except (TypeError, ValueError, OverflowError, DeprecationWarning):
            pass
