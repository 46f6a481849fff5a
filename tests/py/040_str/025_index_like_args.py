# start/end, counts and widths given as bool, int subclasses and __index__ objects (str, bytes, bytearray, %)
class MI(int):
    pass
class I:
    def __index__(self):
        return 1
print("abcabc".find("b", True), "abcabc".find("b", MI(2)), "abcabc".count("b", I()), "abcabc".rfind("b", 0, MI(2)))
print("abcabc".startswith("b", True), "abcabc".endswith("a", 0, MI(4)), "abcabc".index("c", I()))
print("abcabc".find("b", 2**100), "abcabc".find("b", -2**100), "abcabc".find("b", 0, 2**100))
print(b"abcabc".find(b"b", True), b"abc".find(True), bytearray(b"\x01").find(MI(1)), b"abcabc".count(98, I()))
print("abc"[MI(1):True], "abc"[I()], b"abc"[MI(2)], "abcdef"[::MI(2)])
print(bytes([True, MI(66)]), bytearray([MI(67)]), b"%c" % True, "%c" % MI(68), b"%c" % MI(69), "%c" % I())
ba = bytearray(b"abc")
ba[MI(1)] = MI(90)
ba.append(True)
ba.insert(I(), 65)
print(ba, ba.pop(MI(0)))
print(ba)
print(bytes(MI(2)), b"ab" * MI(2), "ab" * True, "%x" % MI(255), "%d" % True, "%*d|" % (MI(3), 5))
print("a b c".split(maxsplit=I()), "aaa".replace("a", "b", MI(2)), "abc".center(MI(5), "*"), "7".zfill(True))
for f in [lambda: "abc".find("b", 1.0), lambda: "abc".find("b", "1"), lambda: "abc"[float(1)], lambda: "%*d" % (I(), 5), lambda: b"abc".find(b"b", None, 1.5)]:
    try:
        f()
    except TypeError as e:
        print(e)
