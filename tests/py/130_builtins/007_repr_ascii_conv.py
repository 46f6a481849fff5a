# repr/ascii/str, hex/oct/bin, chr/ord with ranges and errors
print(repr("a\nb"), ascii("naïve ☃"), repr(1.0), repr([1, "2"]), ascii(["é"]), repr(b"\x00"))
print(hex(0), hex(-1), oct(64), bin(5), bin(-5), hex(2 ** 64), oct(0), bin(0))
print(chr(65), chr(0x10FFFF) == "\U0010ffff", ord("A"), ord("€"), ord("\U0001F600"))
for bad in [lambda: chr(-1), lambda: chr(0x110000), lambda: ord("ab"), lambda: ord(""), lambda: hex(1.5), lambda: ord(5)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
