# f-string edge cases: format spec with !r, nested quotes, datetime-free objects with __format__
class Money:
    def __init__(self, v):
        self.v = v
    def __format__(self, spec):
        return "$" + format(self.v, spec or ".2f")
    def __repr__(self):
        return "Money(%r)" % self.v
m = Money(3.5)
print(f"{m} {m:.1f} {m!r} {m!r:>12} {format(m, '08.3f')}")
print("{} {:.0f}".format(m, m))
x = 5
print(f"{x!r:>{x}}|", f"{'a' 'b'}", f"{x:{'>'}{x}}|", f"{x}" f"{x}")
d = {"key": [1, 2]}
print(f"{d['key'][1]}", f'{d["key"]}', f"{(x, x)}", f"{x * 2 = }")
print(f"{x:}", f"{'':>3}|", f"{None}", f"{True:d}", f"{3:.2%}")
