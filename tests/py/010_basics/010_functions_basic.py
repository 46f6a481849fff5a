# defining and calling simple functions, return values
def add(a, b):
    return a + b

def greet(name="world"):
    print("hello", name)

def nothing():
    pass

print(add(2, 3), add("a", "b"))
greet()
greet("slpy")
print(nothing())
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(10))
def multi():
    return 1, 2, 3
a, b, c = multi()
print(a, b, c, multi())
