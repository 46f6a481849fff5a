# Benchmark: calls with keyword arguments, defaults, keyword-only parameters, *args/**kwargs forwarding and dict unpacking.


def area(width, height=1, *, scale=1, offset=0):
    return width * height * scale + offset


def collect(*args, **kwargs):
    return len(args) + len(kwargs)


def forward(*args, **kwargs):
    return area(*args, **kwargs)


def wrapper(func):
    def inner(*args, **kwargs):
        kwargs.setdefault("offset", 1)
        return func(*args, **kwargs)
    return inner


wrapped_area = wrapper(area)


class Shape:
    def __init__(self, name, *, sides=0, color="red", **extra):
        self.name = name
        self.sides = sides
        self.color = color
        self.extra = extra

    def describe(self, prefix="", **fmt):
        return len(prefix) + self.sides + len(fmt)


def main():
    total = 0
    opts = {"scale": 2, "offset": 3}
    for i in range(220000):
        total += area(i, height=2)
        total += area(width=i, scale=3)
        total += area(i, 2, **opts)
        total += forward(i, height=3, offset=1)
        total += collect(1, 2, a=3, b=4)
        total += wrapped_area(i, scale=2)
    shapes = 0
    for i in range(150000):
        s = Shape("s", sides=i % 8, color="blue", weight=i)
        shapes += s.describe(prefix="ab", width=3) + len(s.extra)
    print("kwargs_calls:", total, shapes)


main()
