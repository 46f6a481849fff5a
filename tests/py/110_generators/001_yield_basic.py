# basic generator functions: lazy execution, next(), exhaustion, StopIteration
def gen():
    print("start")
    yield 1
    print("middle")
    yield 2
    print("end")
g = gen()
print(type(g).__name__)
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.value)
print(list(gen()))
def squares(n):
    for i in range(n):
        yield i * i
print(list(squares(5)), sum(squares(100)), max(squares(10)))
