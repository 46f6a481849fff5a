# assignment expressions (walrus) in if/while/comprehensions
data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print("long", n)
it = iter(data)
while (x := next(it, None)) is not None:
    print("got", x)
print([y for v in data if (y := v * 2) > 6], y)
print((z := 5) + z, z)
total = 0
print([total := total + v for v in data], total)
def f():
    if any((w := c) > 5 for c in data):
        return w
print(f())
