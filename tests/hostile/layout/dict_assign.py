# layout: instance __dict__ replaced by odd objects, deleted, and dict subclasses
class A:
    pass
class D(dict):
    def __getitem__(self, k):
        raise KeyError(k)
    def __setitem__(self, k, v):
        self.clear()
a = A()
for d in ({}, D(), {1: 2}, {"x": 1}):
    try:
        a.__dict__ = d
        a.x = 5
        a.x
        a.__dict__[1] = 2
        dir(a)
        vars(a)
    except (TypeError, AttributeError):
        pass
for bad in (None, 1, [], "s", ()):
    try:
        a.__dict__ = bad
    except TypeError:
        pass
try:
    del a.__dict__
    a.x = 1
    a.__dict__
except (TypeError, AttributeError):
    pass
