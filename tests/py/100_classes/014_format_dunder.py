# __format__ with format(), f-strings and str.format; default object.__format__ rules
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __format__(self, spec):
        if spec.endswith("p"):
            return f"<{self.x:{spec[:-1]}}, {self.y:{spec[:-1]}}>"
        return f"({self.x:{spec}}, {self.y:{spec}})"
    def __str__(self):
        return "Vec-str"
v = Vec(1.5, -2)
print(format(v, ".2f"), f"{v:>6}", "{:p}".format(v), f"{v:.1fp}", f"{v!s}", format(v))
class Plain:
    def __str__(self):
        return "plain"
print(format(Plain()), f"{Plain()}", "{}".format(Plain()))
try:
    format(Plain(), ">10")
except TypeError as e:
    print(type(e).__name__, e)
