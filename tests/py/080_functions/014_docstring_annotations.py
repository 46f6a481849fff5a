# annotations on functions and variables are stored but not enforced
def f(a: int, b: "str" = "x") -> list:
    return [a, b]
print(f("not int"), f.__annotations__)
x: int = "anything"
y: float
print(x, __annotations__)
def g(*args: int, **kw: str) -> None:
    pass
print(g.__annotations__)
