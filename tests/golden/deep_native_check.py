#!/usr/bin/env python3
"""Native recursion that CPython 3.11 does not guard (it overflows the C stack and dies by
SIGSEGV): slpy must raise RecursionError, or finish when it walks the structure without
recursion, with the default C stack and with a 256 KiB one.

usage: tests/golden/deep_native_check.py INTERP [-v]

The CPython-guarded cases (repr, comparisons, isinstance, ... of deep structures) are
golden tests (tests/py/200_hardening/05x_deep_*, also run with a 256 KiB stack); these
cannot be, as CPython crashes on them. Each case runs in its own process and must exit
with status 0 after printing the expected line. Ends with "N passed, M failed".
"""
import resource
import subprocess
import sys

PRELUDE = '''
def chain(make, leaf, depth):
    x = leaf
    for _ in range(depth):
        x = make(x)
    return x
def iters(kind, depth=10**5):
    makers = {
        "map": lambda i: map(abs, i),
        "map2": lambda i: map(max, i, i),
        "filter": lambda i: filter(None, i),
        "zip": lambda i: zip(i),
        "enumerate": lambda i: enumerate(i),
        "iter(callable)": lambda i: iter(i.__next__, None),
    }
    return chain(makers[kind], iter([1, -2, 3]), depth)
MappingProxy = type(type.__dict__)
def attempt(f):
    try:
        r = f()
        print("ok", type(r).__name__)
    except RecursionError as e:
        print("RecursionError:", e)
'''

RECURSION = "RecursionError: maximum recursion depth exceeded"
CALLING = RECURSION + " while calling a Python object"

# (name, statement, expected last line)
CASES = [
    ("map chain, list()", "attempt(lambda: list(iters('map')))", RECURSION),
    ("map chain, next()", "attempt(lambda: next(iters('map')))", RECURSION),
    ("map chain, sum()", "attempt(lambda: sum(iters('map')))", RECURSION),
    ("map chain, sorted()", "attempt(lambda: sorted(iters('map')))", RECURSION),
    ("map chain, str.join", "attempt(lambda: ''.join(map(str, iters('map'))))", RECURSION),
    ("map chain, in", "attempt(lambda: 7 in iters('map'))", RECURSION),
    ("map chain, bytes()", "attempt(lambda: bytes(iters('map')))", RECURSION),
    ("map chain, for loop", "attempt(lambda: [x for x in iters('map')])", RECURSION),
    ("map of two, list()", "attempt(lambda: list(iters('map2')))", RECURSION),
    ("filter chain 10**6", "attempt(lambda: list(iters('filter', 10**6)))", RECURSION),
    ("zip chain 10**6", "attempt(lambda: list(iters('zip', 10**6)))", RECURSION),
    ("enumerate chain 10**6", "attempt(lambda: list(iters('enumerate', 10**6)))", RECURSION),
    ("iter(callable) chain", "attempt(lambda: list(iters('iter(callable)')))", CALLING),
    ("mappingproxy chain, []", "attempt(lambda: chain(MappingProxy, {1: 2}, 10**5)[1])", CALLING),
    ("mappingproxy chain, len", "attempt(lambda: len(chain(MappingProxy, {1: 2}, 10**5)))", CALLING),
    ("mappingproxy chain, in", "attempt(lambda: 1 in chain(MappingProxy, {1: 2}, 10**5))", CALLING),
    ("mappingproxy chain, list", "attempt(lambda: list(chain(MappingProxy, {1: 2}, 10**5)))", CALLING),
    ("generic alias chain, hash", "attempt(lambda: hash(chain(lambda g: list[g], int, 10**5)))", RECURSION),
    # walked without recursion: these finish
    ("tuple chain 10**6, hash", "attempt(lambda: hash(chain(lambda t: (t,), 1, 10**6)))", "ok int"),
    ("tuple chain 10**6, dict key", "attempt(lambda: {chain(lambda t: (t,), 1, 10**6): 1})", "ok dict"),
    ("exception __context__ chain 10**5, printed",
     "e = chain(lambda c: (lambda k: (setattr(k, '__context__', c), k)[1])(KeyError(1)), ValueError(0), 10**5)\n"
     "import sys\nsys.stderr = sys.stdout\nsys.excepthook(type(e), e, None)", "KeyError: 1"),
]


def stack_limit(kib):
    def apply():
        resource.setrlimit(resource.RLIMIT_STACK, (kib * 1024, kib * 1024))
    return apply


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv[1:]
    if len(args) != 1:
        print(__doc__)
        return 2
    interp = args[0]
    passed = failed = 0
    for stack in (None, 256):
        for name, stmt, expected in CASES:
            label = "%s%s" % (name, " [256 KiB stack]" if stack else "")
            try:
                p = subprocess.run([interp, "-c", PRELUDE + stmt], capture_output=True, text=True, timeout=120,
                                   preexec_fn=stack_limit(stack) if stack else None)
                lines = p.stdout.rstrip("\n").split("\n")
                ok = p.returncode == 0 and lines[-1] == expected
                detail = "exit status %d, last line %r, expected %r\n%s" % (p.returncode, lines[-1], expected, p.stderr[-2000:])
            except subprocess.TimeoutExpired:
                ok, detail = False, "timed out"
            if ok:
                passed += 1
                if verbose:
                    print("ok   " + label)
            else:
                failed += 1
                print("FAIL " + label + "\n  " + detail.replace("\n", "\n  "))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
