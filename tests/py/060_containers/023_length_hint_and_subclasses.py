# list()/tuple()/extend honour __len__/__length_hint__ errors; sequence subclasses iterate via __iter__
def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

class Hint:
    def __init__(self, h):
        self.h = h
    def __iter__(self):
        return iter([1, 2])
    def __length_hint__(self):
        return self.h

for h in ("a", -1, 10**30, NotImplemented, 100, 0):
    show("list hint %r" % (h,), lambda: list(Hint(h)))
show("tuple hint", lambda: tuple(Hint(-5)))
show("extend hint", lambda: [0].extend(Hint("x")))
show("sorted hint", lambda: sorted(Hint(-1)))

class LenRaises:
    def __iter__(self):
        return iter([1])
    def __len__(self):
        raise ValueError("boom")
class LenTypeError(LenRaises):
    def __len__(self):
        raise TypeError("ignored")
class LenNegative(LenRaises):
    def __len__(self):
        return -1
for cls in (LenRaises, LenTypeError, LenNegative):
    show("list(%s)" % cls.__name__, lambda: list(cls()))

class MyList(list):
    def __iter__(self):
        return iter(["it"])
class MyTuple(tuple):
    def __iter__(self):
        return iter(["it"])

def slice_assign(value, step=None):
    l = [0, 1, 2, 3]
    l[0:4:step] = value
    return l
show("slice = MyList", lambda: slice_assign(MyList([7, 8])))
show("slice = MyTuple", lambda: slice_assign(MyTuple((7, 8))))
show("ext slice = MyList", lambda: slice_assign(MyList([7, 8]), 2))
show("extend MyList", lambda: [9] + list(MyList([1])))
show("list(MyTuple)", lambda: list(MyTuple((1, 2))))

show("mul huge negative", lambda: [1] * -(2**64))
show("tuple mul huge negative", lambda: (1,) * -(2**64))
show("mul negative", lambda: ([1] * -3, (1,) * -3))

# repeated small extends stay linear (was quadratic)
acc = []
for i in range(100000):
    acc.extend((i, i))
    acc += [i]
print(len(acc), acc[-3:])
