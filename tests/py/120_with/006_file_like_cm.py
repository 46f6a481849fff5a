# a resource-managing class used as context manager and reused; generator-based manager by hand
class Resource:
    opened = 0
    def __init__(self, name):
        self.name = name
        self.is_open = False
    def __enter__(self):
        Resource.opened += 1
        self.is_open = True
        return self
    def __exit__(self, *exc):
        self.is_open = False
        Resource.opened -= 1
r = Resource("db")
with r as h:
    print(h is r, r.is_open, Resource.opened)
print(r.is_open, Resource.opened)
with r:
    print("reused", r.is_open)
class GenCM:
    def __init__(self, gen):
        self.gen = gen
    def __enter__(self):
        return next(self.gen)
    def __exit__(self, t, v, tb):
        if t is None:
            next(self.gen, None)
            return False
        try:
            self.gen.throw(v)
        except StopIteration:
            return True
        except BaseException as e:
            if e is v:
                return False
            raise
        return False
def tag(name):
    print(f"<{name}>")
    try:
        yield name
    except ValueError as e:
        print("handled inside generator:", e)
    print(f"</{name}>")
with GenCM(tag("p")) as t:
    print("content of", t)
with GenCM(tag("q")):
    raise ValueError("oops")
print("done")
