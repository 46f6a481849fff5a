# map/filter/enumerate/zip/reversed over generators and Python iterators, with Python functions: results, errors, tracebacks as CPython
import pickle


def gen(*xs):
    for x in xs:
        yield x


def gen_ret(*xs):
    yield from xs
    return "done"


class It:
    def __init__(self, *xs):
        self.xs = list(xs)

    def __iter__(self):
        return self

    def __next__(self):
        if not self.xs:
            raise StopIteration("it end")
        return self.xs.pop(0)


class Seq:
    def __init__(self, *xs):
        self.xs = xs

    def __len__(self):
        return len(self.xs)

    def __getitem__(self, i):
        if i == 99:
            raise StopIteration
        return self.xs[i]


class Truthy:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        return self.v > 1

    def __repr__(self):
        return "T%d" % self.v


def entries(e):
    out = []
    tb = e.__traceback__
    while tb is not None:
        out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    return out


def run(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, repr(e), entries(e)[1:])
    else:
        print(label, "->", r)


def loop(it):
    out = []
    for x in it:
        out.append(x)
    return out


# for loops over each lazy iterator whose step runs Python code
run("enumerate(gen)", lambda: loop(enumerate(gen("a", "b"))))
run("enumerate(It, start)", lambda: loop(enumerate(It(1, 2), 10)))
run("enumerate big start", lambda: loop(enumerate(gen(1, 2, 3), 2**63 - 2)))
run("zip(gen, gen)", lambda: loop(zip(gen(1, 2, 3), gen(4, 5))))
run("zip(list, It)", lambda: loop(zip([1, 2], It(7, 8, 9))))
run("zip(gen)", lambda: loop(zip(gen(1))))
run("zip strict ok", lambda: loop(zip(gen(1, 2), It(3, 4), strict=True)))
run("zip strict shorter", lambda: loop(zip(gen(1, 2), It(3), strict=True)))
run("zip strict shorter 3", lambda: loop(zip([1, 2], [3, 4], gen(5), strict=True)))
run("zip strict longer", lambda: loop(zip(gen(1), It(3, 4), strict=True)))
run("zip strict longer 3", lambda: loop(zip(gen(1), [2], It(3, 4), strict=True)))
run("filter(None, gen)", lambda: loop(filter(None, gen(0, 1, "", "x", None, 2))))
run("filter(bool, It)", lambda: loop(filter(bool, It(0, 3, [], [1]))))
run("filter(f, list)", lambda: loop(filter(lambda x: x % 2, [1, 2, 3, 4, 5])))
run("filter(f, gen)", lambda: loop(filter(lambda x: x > "b", gen("a", "c", "d"))))
run("filter(f, truthy)", lambda: loop(filter(lambda x: x, [Truthy(1), Truthy(2)])))
run("filter(None, __bool__)", lambda: loop(filter(None, gen(Truthy(3), Truthy(0)))))
run("map(f, gen)", lambda: loop(map(lambda x: x * 2, gen(1, 2))))
run("map(f, gen, It)", lambda: loop(map(lambda a, b: a + b, gen(1, 2, 3), It(10, 20))))
run("map(f, 9 lists)", lambda: loop(map(lambda *a: sum(a), *[[i, i + 1] for i in range(9)])))
run("map(method, list)", lambda: loop(map("{}!".format, [1, 2])))
run("map(len, gen)", lambda: loop(map(len, gen("ab", "c"))))
run("map(class, gen)", lambda: loop(map(Truthy, gen(4, 5))))
run("reversed(Seq)", lambda: loop(reversed(Seq(1, 2, 3))))
run("reversed(Seq) stops", lambda: loop(reversed(Seq(*range(100)))))
run("nested", lambda: loop(enumerate(map(lambda p: p[0] - p[1], filter(None, zip(gen(1, 2), It(3, 4)))))))
run("generator return value", lambda: loop(enumerate(gen_ret(1, 2))))

# next() and __next__() of each of them
run("next(enumerate(gen))", lambda: next(enumerate(gen("x"))))
run("next(zip(gen, It))", lambda: next(zip(gen(1), It(2))))
run("next(map(f, gen))", lambda: next(map(lambda x: x + 1, gen(1))))
run("next(filter(f, It))", lambda: next(filter(lambda x: x > 1, It(1, 2, 3))))
run("next(reversed(Seq))", lambda: next(reversed(Seq(5, 6))))
run("__next__()", lambda: enumerate(gen(8)).__next__())
run("next empty enumerate", lambda: next(enumerate(gen())))
run("next empty zip(It)", lambda: next(zip(It())))
run("next empty zip strict", lambda: next(zip(It(), gen(), strict=True)))
run("next empty filter", lambda: next(filter(None, It(0))))
run("next empty map gen_ret", lambda: next(map(str, gen_ret())))
run("next(x, default)", lambda: next(enumerate(gen()), "dflt"))
run("next(zip()) empty", lambda: next(zip()))
run("next exhausted reversed", lambda: (lambda r: (loop(r), next(r, "end")))(reversed(Seq(1))))

# state after partial use, pickling and repr keep working
e = enumerate(gen(1, 2, 3), 5)
print(next(e), next(e), type(e).__name__)
r = reversed(Seq(1, 2, 3))
print(next(r), r.__length_hint__(), pickle.loads(pickle.dumps(reversed([1, 2])))and "ok")
print(r.__reduce__()[1:] == ((r.__reduce__()[1][0],), 1))
z = zip([1, 2], [3, 4], strict=True)
print(next(z), z.__reduce__()[2:])
m = map(abs, [-1])
print(repr(m).startswith("<map object"), loop(m))

# a StopIteration raised by the function ends the loop (as out of map's __next__)
def stop(x):
    if x == 2:
        raise StopIteration
    return x


run("map(stop, gen)", lambda: loop(map(stop, gen(1, 2, 3))))
run("filter(stop, gen)", lambda: loop(filter(stop, gen(1, 2, 3))))

# errors raised inside the Python side propagate with their own traceback entries only
def bad_gen():
    yield 1
    raise ValueError("in gen")


class BadIt:
    def __iter__(self):
        return self

    def __next__(self):
        raise KeyError("in next")


class BadBool:
    def __bool__(self):
        return 1


class BadSeq:
    def __len__(self):
        return 2

    def __getitem__(self, i):
        raise TypeError("in getitem")


run("enumerate(bad_gen)", lambda: loop(enumerate(bad_gen())))
run("zip(BadIt)", lambda: loop(zip([1], BadIt())))
run("filter(f, bad_gen)", lambda: loop(filter(lambda x: 1 / 0, bad_gen())))
run("map(f, bad_gen)", lambda: loop(map(lambda x: x, bad_gen())))
run("reversed(BadSeq)", lambda: loop(reversed(BadSeq())))
run("next(map(BadIt))", lambda: next(map(None, BadIt())))
run("filter bad __bool__", lambda: loop(filter(lambda x: BadBool(), gen(1))))
run("list(enumerate(bad_gen))", lambda: list(enumerate(bad_gen())))
run("dict(zip(gen, gen))", lambda: dict(zip(gen(1, 2), gen(3, 4))))
run("sum(map(f, gen))", lambda: sum(map(lambda x: x * x, gen(1, 2, 3))))
run("sorted(zip(It, gen))", lambda: sorted(zip(It(2, 1), gen("b", "a"))))
run("max(enumerate(gen))", lambda: max(enumerate(gen(5, 9, 1)), key=lambda p: p[1]))


def main():
    for i, x in enumerate(bad_gen()):
        pass


main()
