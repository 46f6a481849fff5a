# int edge cases: huge shift counts, to_bytes/from_bytes corners, int() of buffers and whitespace, sum() past 64 bits
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

# Left shifts too large to build: MemoryError below CPython's digit limit, OverflowError above.
for s in [2**50, 2**63, 2**64, 2**66, 2**67, 2**100]:
    t("1 << 2**%d" % (s.bit_length() - 1), lambda: 1 << s)
t("0 << 2**100", lambda: 0 << 2**100)
t("-1 >> 2**100", lambda: -1 >> 2**100)
t("5 >> 2**64", lambda: 5 >> 2**64)

# to_bytes with length 0: only 0, and -1 when signed.
for a in [0, -1, 1, -2, 127, -128]:
    t("to_bytes(%d, 0)" % a, lambda: a.to_bytes(0, "big", signed=True))
t("to_bytes unsigned -1", lambda: (-1).to_bytes(0, "big"))
t("to_bytes too many", lambda: (5).to_bytes(1, "big", signed=True, x=1))
t("to_bytes positional", lambda: (5).to_bytes(1, "big", True))

# from_bytes needs a bytes-like object or an iterable of ints, never a str or an int.
t("from_bytes str", lambda: int.from_bytes("ab", "big"))
t("from_bytes int", lambda: int.from_bytes(5, "big"))
t("from_bytes float", lambda: int.from_bytes(1.5, "big"))
t("from_bytes list", lambda: int.from_bytes([1, 2], "big"))
t("from_bytes tuple", lambda: int.from_bytes((1, 2), "little"))
t("from_bytes memoryview", lambda: int.from_bytes(memoryview(b"\x01\x00"), "little"))
t("from_bytes 3 positional", lambda: int.from_bytes(b"", "big", True))
class WithBytes:
    def __bytes__(self):
        return b"\x01\x02"
t("from_bytes __bytes__", lambda: int.from_bytes(WithBytes(), "big"))

# int() of buffers; errors show the text as bytes.
t("int(memoryview)", lambda: int(memoryview(b" 42 ")))
t("int(memoryview bad)", lambda: int(memoryview(b"4x")))
t("int(memoryview, 16)", lambda: int(memoryview(b"ff"), 16))
t("int(bytearray bad)", lambda: int(bytearray(b"1x")))
t("int(bytearray, 16)", lambda: int(bytearray(b" ff "), 16))

# Whitespace: ASCII \t\n\v\f\r and space, Unicode spaces in str; never \x1c..\x1f.
for s in ["5\x0b", "\x0c5", "5\x1c", "\x1f5", "5\x85", "\xa05", "5\u3000", "5\x1c\x85", "\u2003-7\u2003"]:
    t("int(%r)" % s, lambda: int(s))
t("int(bytes nbsp)", lambda: int(b"\xc2\xa05"))

# sum() keeps exact ints once the 64-bit accumulator would overflow.
print(sum([2**62] * 3), sum([2**62, 2**62, -2**62]), sum([-2**63, -1]), sum([2**63 - 1, 1]))
print(sum(range(2**62, 2**62 + 10)), sum([1] * 10, 2**63 - 5))
acc = 0
for i in range(5):
    acc += 2**62
print(acc, sum([2**62 + i for i in range(5)]))
