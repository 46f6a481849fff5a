# sys.setrecursionlimit also bounds native recursion (repr, ==, isinstance of nested structures), as in CPython
import sys

def nest_list(depth):
    x = 0
    for _ in range(depth):
        x = [x]
    return x

def nest_tuple(leaf, depth):
    x = leaf
    for _ in range(depth):
        x = (x,)
    return x

def attempt(label, f):
    try:
        r = f()
        print(label, "ok", r if isinstance(r, (bool, int)) else len(r))
    except RecursionError as e:
        print(label, "->", e)

for limit, depths in [(1000, (50, 900, 1100)), (200, (50, 250)), (4000, (3000, 4100))]:
    sys.setrecursionlimit(limit)
    print("limit", sys.getrecursionlimit())
    for d in depths:
        attempt("  repr %d" % d, lambda: repr(nest_list(d)))
        attempt("  == %d" % d, lambda: nest_list(d) == nest_list(d))
        attempt("  isinstance %d" % d, lambda: isinstance(1, nest_tuple(int, d)))
sys.setrecursionlimit(1000)
