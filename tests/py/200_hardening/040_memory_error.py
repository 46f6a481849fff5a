# sizes no memory can hold raise MemoryError (or CPython's OverflowError) at once, and the program goes on
import sys


def attempt(label, make):
    try:
        make()
    except MemoryError as e:
        print(label, "MemoryError", e.args)
    except OverflowError as e:
        print(label, "OverflowError", e)
    else:
        print(label, "no error")


huge = 2 ** 62
attempt("tuple repeat", lambda: (0,) * huge)
attempt("list repeat", lambda: [0] * huge)
attempt("list repeat 2", lambda: [1, 2] * 2 ** 61)
attempt("str repeat", lambda: "a" * huge)
attempt("str repeat overflow", lambda: "ab" * huge)
attempt("str repeat 2", lambda: "ab" * 2 ** 61)
attempt("bytes repeat", lambda: b"a" * huge)
attempt("bytes repeat overflow", lambda: b"abc" * huge)
attempt("bytearray repeat", lambda: bytearray(b"a") * huge)
attempt("bytes(n)", lambda: bytes(huge))
attempt("bytearray(n)", lambda: bytearray(huge))
attempt("index-sized", lambda: "a" * 2 ** 63)
attempt("tuple index-sized", lambda: (0,) * 2 ** 63)
attempt("ljust", lambda: "x".ljust(huge))
attempt("center", lambda: "x".center(huge))
attempt("zfill", lambda: "x".zfill(huge))
attempt("bytes ljust", lambda: b"x".ljust(huge))
attempt("format width", lambda: ("{:%d}" % huge).format(1))
attempt("percent width", lambda: ("%" + str(huge) + "d") % 1)
attempt("shift", lambda: 1 << huge)
attempt("list(range)", lambda: list(range(2 ** 61)))
attempt("tuple(range)", lambda: tuple(range(2 ** 61)))
attempt("sorted(range)", lambda: sorted(range(2 ** 60)))
attempt("None list", lambda: [None] * (huge // 8))

# in place: the list keeps its items
lst = [1, 2, 3]
try:
    lst *= huge
except MemoryError:
    print("imul MemoryError, list kept:", lst)
ba = bytearray(b"xyz")
try:
    ba *= huge
except MemoryError:
    print("bytearray imul MemoryError, kept:", ba)


# raised deep inside calls: the traceback has every frame and handlers run
def grow(n):
    if n == 0:
        return [0] * huge
    return grow(n - 1)


try:
    grow(50)
except MemoryError:
    tb = sys.exc_info()[2]
    depth = 0
    while tb is not None:
        depth += 1
        tb = tb.tb_next
    print("traceback entries:", depth)

# the heap still works afterwards
data = [str(i) * 3 for i in range(10000)]
print(len(data), data[-1], sum(len(s) for s in data))
print(isinstance(MemoryError(), Exception), MemoryError.__mro__[1].__name__)
