# bytes literals, repr, indexing gives ints, slicing gives bytes
b = b"hello\x00\xff\n\t'\""
print(b, len(b), b[0], b[-1], b[1:4], b[::-1][:3])
print(b"abc" + b"def", b"ab" * 3, b"" == bytes(), bytes(3), bytes([65, 66, 67]), bytes(range(5)))
print(rb"\n", br"\x41", b"\x41\x42", repr(b"'"), repr(b"\"'"))
print(list(b"AZaz"), b"a" < b"b", b"abc" == b"abc", b"abc"[1] == 98, b"bc" in b"abc", 99 in b"abc")
print(bytes.fromhex("de ad be ef"), b"\xde\xad".hex(), b"abc".hex("-"), b"abcdef".hex(":", 2))
try:
    bytes([256])
except ValueError as e:
    print(type(e).__name__, e)
try:
    b"abc"[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
