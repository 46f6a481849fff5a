# Python code run by a native for an instruction sees its caller at that instruction's line
import sys


class K:
    def __hash__(self):
        print("hash from line", sys._getframe(1).f_lineno)
        return 1

    def __eq__(self, other):
        print("eq from line", sys._getframe(1).f_lineno)
        return self is other


def subscripts():
    d = {}
    k = K()
    d[k] = 1
    x = d[k]
    d[K()] = 2
    return x


subscripts()


def callback(x):
    print("map callback from line", sys._getframe(1).f_lineno)
    return x


def loops():
    out = []
    for v in map(callback, [1, 2]):
        out.append(v)
    for v in filter(callback, [3]):
        out.append(v)
    return out


print(loops())


class Boom:
    def __hash__(self):
        raise ValueError("no hash")


def failing():
    d = {1: 2}
    y = 0
    return d[Boom()]


try:
    failing()
except ValueError as e:
    tb = e.__traceback__
    lines = []
    while tb:
        lines.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    print(lines)
