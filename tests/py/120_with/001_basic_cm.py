# basic context manager: __enter__ return value bound by as, __exit__ called with None triple
class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, t, v, tb):
        print("exit", self.name, t, v, tb)
        return False
with CM("a") as x:
    print("body", x)
with CM("b"):
    print("no as")
with CM("c") as c, CM("d") as d:
    print("two managers", c, d)
with (CM("e") as e,
      CM("f") as f):
    print("parenthesized", e, f)
