# module-level code: names defined in loops and ifs, conditional function definitions
if True:
    def f():
        return "first"
else:
    def f():
        return "second"
print(f())
for i in range(2):
    def g(i=i):
        return i * 10
print(g())
try:
    undefined_name
except NameError as e:
    print(e)
x = 0
for _ in range(5):
    x += 1
print(x, _)
