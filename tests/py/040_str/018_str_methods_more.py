# remaining str methods: center/ljust with unicode, isprintable, format_map, index on slices, split maxsplit
print("{a}+{b}".format_map({"a": 1, "b": 2}))
class D(dict):
    def __missing__(self, k):
        return "<" + k + ">"
print("{x} {y}".format_map(D(x="X")))
print("a b c d".split(" ", 2), "a b c d".rsplit(" ", 2), "a b c".split(maxsplit=1), "1,2,3".split(sep=","))
print("x".isprintable(), "\n".isprintable(), "tab\t".isprintable())
print("Hello World".swapcase(), "hello world".capitalize(), "HELLO".istitle(), "Hello".istitle())
print("abc".encode(), "ab".__mul__(2), "%s" % "x", "abc".__eq__("abc"), "a".__lt__("b"))
print("ab".ljust(1), "ab".rjust(4, "0"), "-".center(4, "ab"[0]))
