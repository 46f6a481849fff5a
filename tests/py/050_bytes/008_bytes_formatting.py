# bytes % formatting and repr of all byte values
print(b"%s %d %x %c %r" % (b"s", 42, 255, 65, b"r"), b"%5s|%-5s|" % (b"a", b"b"), b"%b" % b"B")
print(b"%(k)s" % {b"k": b"v"}, b"%.2f" % 1.234, b"%03d" % 7)
print(bytes(range(32)))
print(bytes(range(32, 127)))
print(bytes(range(127, 160)))
try:
    b"%s" % "str"
except TypeError as e:
    print(type(e).__name__, e)
