# unicode_escape / raw_unicode_escape codecs, codec name lookup, text vs binary codec errors
def t(label, f):
    try:
        r = repr(f())
    except UnicodeError as e:
        r = "%s %s | %r %r %r" % (type(e).__name__, e, e.start, e.end, e.reason)
    except Exception as e:
        r = "%s %s" % (type(e).__name__, e)
    print(label, r)
s = "a\n\t\r\\'\"\x00\x7f\x80\xff\u0100\uffff\U0001F600 ~\ud800"
t("ue enc", lambda: s.encode("unicode_escape"))
t("rue enc", lambda: s.encode("raw_unicode_escape"))
t("round", lambda: s.encode("unicode_escape").decode("unicode_escape") == s)
t("round raw", lambda: s.encode("raw_unicode_escape").decode("raw_unicode_escape") == s)
samples = [rb"a\nb\tc\\d\'e\"f", rb"\x41\101\u00e9\U0001F600", rb"\a\b\f\v\r\0\7\1234", rb"\x4", rb"\x4g",
           rb"\u12", rb"\U0011FFFF", rb"\U1234", b"ab\\", rb"\N", rb"\N{", rb"\N{}", rb"\Nx", b"\xe9\\n",
           rb"\x", rb"a\u00", b"a\\\nb"]
for data in samples:
    for h in ["strict", "replace", "backslashreplace", "ignore"]:
        t("ue %r %s" % (data, h), lambda: data.decode("unicode_escape", h))
for data in [rb"a\u00e9\U0001F600\n\x41", rb"\\u0041", rb"\\\u0041", rb"\u12", rb"\U0011FFFF", b"\xe9", rb"\u", rb"a\\", b"\\"]:
    for h in ["strict", "replace", "backslashreplace"]:
        t("rue %r %s" % (data, h), lambda: data.decode("raw_unicode_escape", h))
for name in ["UTF8", "utf_8", "U8", "cp65001", "Latin-1", "L1", "iso8859-1", "ISO_8859-1", "646", "us-ascii",
             "unicode-escape", "raw-unicode-escape", "hex", "base64", "rot13", "rot-13", "zlib", "nope", "mbcs"]:
    t("enc " + name, lambda: "ab".encode(name))
    t("dec " + name, lambda: b"ab".decode(name))
