# str() constructor with encoding, str of various objects, multi-line strings
print(str(b"caf\xc3\xa9", "utf-8"), str(b"abc", encoding="ascii"), str(bytearray(b"hi"), "utf-8"))
print(str(b"\xff", "utf-8", "replace"), str(b"\xff", "latin-1"), str(), str(3.0), str(-0.0))
x = """  line one
    line two
"""
print(x.splitlines(), len(x))
print(str.__name__, type("") is str, isinstance("", str))
try:
    str(b"\xff", "utf-8")
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
