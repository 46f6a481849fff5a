# bytes methods: split, join, strip, find, replace, upper/lower, startswith, count, is*
b = b"  Hello, World  "
print(b.strip(), b.lower(), b.upper(), b.split(b","), b.split(), b.replace(b"l", b"L"), b.find(b"o"), b.rfind(b"o"))
print(b",".join([b"a", b"b", b"c"]), b"a,b".partition(b","), b.count(b"l"), b.startswith(b"  H"), b.endswith(b"x"))
print(b"abc".isalpha(), b"123".isdigit(), b"  ".isspace(), b"Ab".isupper(), b"ab1".isalnum(), b"Hello World".title(), b"hello".capitalize())
print(b"abc".center(9, b"*"), b"7".zfill(3), b"a\tb".expandtabs(4), b"x y z".rsplit(None, 1), b"a\nb\r\n".splitlines())
print(b"abcabc".index(b"c"), b"abc".removeprefix(b"a"), b"Hi".swapcase(), b"xxhixx".strip(b"x"), b"%s=%d" % (b"k", 5))
try:
    b",".join(["a"])
except TypeError as e:
    print(type(e).__name__, e)
