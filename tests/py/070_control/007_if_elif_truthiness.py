# conditions on various objects, and/or returning operands, conditional expressions
class Falsy:
    def __bool__(self):
        return False
class Sized:
    def __len__(self):
        return 0
for v in [0, 1, "", "x", [], [0], {}, None, 0.0, Falsy(), Sized(), range(0), b""]:
    if v:
        r = "truthy"
    elif v is None:
        r = "none"
    else:
        r = "falsy"
    print(type(v).__name__, r)
print([] or {} or 0 or "last", 1 and [] and 2, (0 or None) is None)
x = 7
print("a" if x > 5 else "b" if x > 2 else "c", "a" if x > 10 else "b" if x > 2 else "c")
