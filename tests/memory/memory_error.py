# Run under an address-space limit (check.py: ulimit -v 2000000). Every request that
# does not fit raises MemoryError where it is made, the program catches it and goes on.
# The expected output comes from CPython under the same limit (check.py --regen).


def attempt(label, make):
    try:
        result = make()
    except MemoryError as e:
        print(label, "-> MemoryError", e.args)
    except OverflowError as e:
        print(label, "-> OverflowError", e)
    else:
        print(label, "-> no error", type(result).__name__)
    # Memory is usable again right away.
    print("   then:", len([str(i) for i in range(1000)]), sum(range(1000)))


attempt("tuple repeat (0,)*2**28", lambda: (0,) * 2 ** 28)
attempt("list repeat [0]*2**28", lambda: [0] * 2 ** 28)
attempt("str repeat 'a'*2**33", lambda: "a" * 2 ** 33)
attempt("bytes repeat b'a'*2**33", lambda: b"a" * 2 ** 33)
attempt("bytearray(2**33)", lambda: bytearray(2 ** 33))
attempt("bytes(2**31)", lambda: bytes(2 ** 31))
attempt("int('1'*2**31)", lambda: int("1" * 2 ** 31))
attempt("1 << 2**40", lambda: 1 << 2 ** 40)
attempt("list(range(10**10))", lambda: list(range(10 ** 10)))
attempt("sorted(range(10**10))", lambda: sorted(range(10 ** 10)))
attempt("' '.join of 2**11 strings of 1 MiB", lambda: " ".join(["a" * 2 ** 20] * 2 ** 11))
attempt("b''.join of 2**11 bytes of 1 MiB", lambda: b"".join([b"a" * 2 ** 20] * 2 ** 11))
attempt("str.replace growing to 2 GiB", lambda: ("a" * 2 ** 11).replace("a", "b" * 2 ** 20))
attempt("bytes.replace growing to 2 GiB", lambda: (b"a" * 2 ** 11).replace(b"a", b"b" * 2 ** 20))
attempt("repr of a list of 2**11 strings of 1 MiB", lambda: repr(["a" * 2 ** 20] * 2 ** 11))
attempt("'x'.ljust(2**40)", lambda: "x".ljust(2 ** 40))
attempt("'x'.center(2**31)", lambda: "x".center(2 ** 31))
attempt("'%2147483648d' % 1", lambda: "%2147483648d" % 1)

big = 1 << 2 ** 33
attempt("x * x, x = 1 << 2**33", lambda: big * big)
del big

# Last: these fill most of the address space before failing.
attempt("set(range(10**8))", lambda: set(range(10 ** 8)))
attempt("{i: i for i in range(10**8)}", lambda: {i: i for i in range(10 ** 8)})

print("done", len({str(i): i for i in range(100000)}))
