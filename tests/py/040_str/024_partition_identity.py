# str/bytes partition return the original self and separator objects; __rmod__; str subclass results
class S(str):
    pass
class B(bytes):
    pass
def names(t):
    return [type(x).__name__ for x in t]
print(names(S("ab").partition(S("a"))), names("ab".partition(S("a"))))
print(names(S("ab").partition("z")), names(S("ab").rpartition("z")))
print(names(B(b"ab").partition(b"z")), names(b"ab".partition(B(b"a"))))
sep = bytearray(b"b")
r = b"abc".partition(sep)
print(r, r[1] is sep)
m = memoryview(b"b")
print(b"abc".partition(m)[1] is m, bytearray(b"abc").partition(m))
print(bytearray(b"abc").rpartition(b"z"))
print(b"abc".partition(b"z")[0] is not None)
print("x".__rmod__("<%s>"), "x".__rmod__(5))
print(b"x".__rmod__(b"<%s>"), b"x".__rmod__(bytearray(b"%s")), bytearray(b"x").__rmod__(bytearray(b"<%s>")))
for f in [lambda: 5 % "x", lambda: 5 % b"x", lambda: [] % "x"]:
    try:
        f()
    except TypeError as e:
        print(e)
