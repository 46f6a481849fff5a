# AttributeError messages on instances, classes, modules and builtins; name/obj attributes
class Point:
    def __init__(self):
        self.x = 1
        self.y = 2
    def distance(self):
        return 0
import math
cases = [lambda: Point().z, lambda: Point().distanse, lambda: Point.nope, lambda: (5).foo, lambda: "s".lenght,
         lambda: [].push(1), lambda: None.attr, lambda: math.squareroot, lambda: {}.has_key, lambda: (1).real.bogus]
for c in cases:
    try:
        c()
    except AttributeError as e:
        print(type(e).__name__, e, "| name:", e.name)
try:
    (5).real = 3
except AttributeError as e:
    print(type(e).__name__, e)
try:
    "abc".upper = None
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del [].append
except AttributeError as e:
    print(type(e).__name__, e)
