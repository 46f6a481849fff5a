# the single-byte codecs (cp437, cp1252, iso8859-*, koi8-*, mac-*, EBCDIC cp037...) decode and encode as CPython's tables
data = bytes(range(256))
total = 0
for enc in ["cp437", "cp850", "cp852", "cp866", "cp1250", "cp1251", "cp1252", "cp1253", "cp1255", "cp1256", "cp1257",
            "iso8859-2", "iso8859-5", "iso8859-7", "iso8859-15", "latin2", "latin9", "koi8-r", "koi8-u", "mac-roman",
            "macintosh", "mac_cyrillic", "cp037", "cp500", "cp1140", "cp273", "hp_roman8", "tis-620", "kz1048",
            "ptcp154", "cp720", "IBM437", "windows-1251", "L2", "cyrillic", "greek", "hebrew", "arabic", "thai"]:
    s = data.decode(enc, "replace")
    total += sum(map(ord, s))
    back = s.encode(enc, "replace")
    print(enc, len(s), sum(map(ord, s)), ascii(s[0x41:0x44]), ascii(s[0xE0:0xE4]), back == data or back.count(b"?"))
print(total)
for enc, text in [("cp437", "\u00e9\u2591\u03c0"), ("koi8-r", "\u041f\u0440\u0438"), ("cp1252", "\u20ac\u201c"),
                  ("cp037", "Hello"), ("iso8859-15", "\u20ac\u0153")]:
    print(enc, text.encode(enc), text.encode(enc).decode(enc) == text)
for args in [(b"\x81", "cp1252"), (b"abc\x8d", "cp1252"), (b"\xa5", "iso8859-3"), (b"\xff", "cp1253")]:
    try:
        args[0].decode(args[1])
    except UnicodeDecodeError as e:
        print(e, e.encoding, e.start, e.end, e.reason)
    print(args[0].decode(args[1], "replace"), args[0].decode(args[1], "ignore"), args[0].decode(args[1], "backslashreplace"))
for text, enc in [("\u20ac", "cp437"), ("a\u4e00\u4e01b", "koi8-r"), ("\u00ff", "cp037")]:
    try:
        text.encode(enc)
    except UnicodeEncodeError as e:
        print(e, e.start, e.end)
    for errors in ["replace", "ignore", "backslashreplace", "xmlcharrefreplace", "namereplace"]:
        print(errors, text.encode(enc, errors))
print(str(b"caf\x82", "cp437"), bytes("caf\u00e9", "cp437"), "\u00e9".encode("CP1252"), "\u00e9".encode("Windows_1252"))
for enc in ["cp-437", "CP-1252", "ibm850", "csibm866", "koi8_r", "iso_8859_15", "latin-10", "cp65001", "nonesuch"]:
    try:
        print(enc, ascii(b"\x80\x81".decode(enc, "replace")))
    except LookupError as e:
        print(enc, type(e).__name__, e)
