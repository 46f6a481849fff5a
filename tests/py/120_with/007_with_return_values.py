# with statement interplay with return/yield, and __exit__ seeing exceptions raised by return expressions
class CM:
    def __enter__(self):
        print("enter")
    def __exit__(self, t, v, tb):
        print("exit", t.__name__ if t else None)
        return t is ZeroDivisionError
def f(x):
    with CM():
        return 10 / x
print(f(2))
print(f(0))
def g():
    with CM():
        yield 1
        yield 2
print(list(g()))
