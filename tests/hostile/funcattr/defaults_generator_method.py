# funcattr: oversized __defaults__ on generators, methods, closures and lambdas in classes
def gen(a, b=2):
    yield a
    yield b
gen.__defaults__ = (1, 2, 3, 4, 5)
try:
    print(list(gen()))
except TypeError:
    pass
class C:
    def m(self, x=1):
        return x
C.m.__defaults__ = (1, 2, 3)
try:
    C().m()
except TypeError:
    pass
def outer():
    v = 1
    def inner(a=v):
        return a + v
    return inner
i = outer()
i.__defaults__ = (1,) * 100
try:
    i()
except TypeError:
    pass
