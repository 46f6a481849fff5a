# tracebacks of exceptions raised inside generators, __next__ and key functions driven by built-ins: no extra entries
def gen():
    yield 1
    raise ValueError("in gen")


class It:
    def __iter__(self):
        return self

    def __next__(self):
        raise KeyError("in next")


def key(x):
    return {}[x]


def entries(e):
    out = []
    tb = e.__traceback__
    while tb is not None:
        out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    return out


def run(label, f):
    try:
        f()
    except Exception as e:
        print(label, type(e).__name__, e, entries(e))


run("list", lambda: list(gen()))
run("tuple", lambda: tuple(It()))
run("sum", lambda: sum(gen()))
run("sorted key", lambda: sorted([1, 2], key=key))
run("max key", lambda: max(gen(), key=key))
run("join", lambda: "".join(gen()))
run("join type", lambda: "".join(x for x in [1]))
run("min empty", lambda: min(x for x in []))
run("dict", lambda: dict(x for x in [(1, 2, 3)]))
run("any", lambda: any(It()))


def main():
    return sorted(gen())


main()
