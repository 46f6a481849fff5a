# bytes()/bytearray() constructors from str+encoding, iterables, ints, and errors
print(bytes("abc", "ascii"), bytes("é", "utf-8"), bytes(b"x"), bytes(bytearray(b"y")), bytes(memoryview(b"z")))
print(bytearray("é", "latin-1"), bytearray(range(3)), bytes([]), bytes(()), bytes(iter([104, 105])))
for bad in [lambda: bytes("abc"), lambda: bytes(-1), lambda: bytes([1.5]), lambda: bytes(["a"])]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(str(b"abc"), repr(bytearray(b"a'b")), bytes.fromhex(""), b"".join([]))
