# The demo `tools/run` starts with: a little of everything slpy is for.
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def squares(limit):
    for i in range(limit):
        yield i * i


print("Hello from slpy, a stackless Python VM")
print("fib(20) =", fib(20))
print("squares:", list(squares(8)))
print("2**100 =", 2**100)
