# encoding/decoding errors and error handlers: strict, ignore, replace, backslashreplace
s = "aé日😀"
for enc in ["ascii", "latin-1"]:
    try:
        s.encode(enc)
    except UnicodeEncodeError as e:
        print(type(e).__name__, e)
    for h in ["ignore", "replace", "backslashreplace", "xmlcharrefreplace"]:
        print(enc, h, s.encode(enc, h))
bad = b"a\xff\xfeb\xc3"
try:
    bad.decode("utf-8")
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
for h in ["ignore", "replace", "backslashreplace"]:
    print(h, repr(bad.decode("utf-8", h)))
try:
    b"\x80".decode("ascii")
except UnicodeDecodeError as e:
    print(type(e).__name__, e, e.start, e.end, e.reason, e.encoding)
print(repr(b"\x80abc".decode("ascii", "replace")), b"\xed\xa0\x80".decode("utf-8", "replace"))
try:
    "x".encode("no-such-codec")
except LookupError as e:
    print(type(e).__name__, e)
try:
    b"\xc3\x28".decode("utf-8")
except UnicodeDecodeError as e:
    print(e)
