# utf-16 / utf-32 (BOM, -le, -be), utf-8-sig and cp1252 codecs with error handlers and exception attributes
def t(label, f):
    try:
        r = repr(f())
    except UnicodeError as e:
        r = "%s %s | %r %r %r %r" % (type(e).__name__, e, e.start, e.end, e.reason, e.encoding)
    except Exception as e:
        r = "%s %s" % (type(e).__name__, e)
    print(label, r)
text = "a\u00e9\u20ac\U0001F600"
for enc in ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "utf-8-sig", "UTF16", "utf_32be", "U16"]:
    data = text.encode(enc)
    t(enc, lambda: (data, data.decode(enc)))
t("cp1252", lambda: ("a\u20ac\u0160".encode("cp1252"), b"\x80\x8a\x9f".decode("windows-1252")))
errs = ["strict", "ignore", "replace", "backslashreplace", "surrogateescape", "surrogatepass", "xmlcharrefreplace"]
for h in errs:
    for enc in ["utf-16-le", "utf-32-be", "cp1252"]:
        t("enc %s %s" % (enc, h), lambda: "a\ud800\udcff\x81b".encode(enc, h))
for h in errs:
    for data in [b"a\x00b", b"\x00\xd8a\x00", b"\x00\xdca\x00", b"\x00\xd8\x00", b"\xff\xfe\x00\xd8"]:
        t("dec16 %r %s" % (data, h), lambda: data.decode("utf-16", h))
    for data in [b"a\x00\x00", b"\x00\x00\x11\x00", b"\x00\xd8\x00\x00", b"\xff\xfea\x00"]:
        t("dec32 %r %s" % (data, h), lambda: data.decode("utf-32-le", h))
    t("cp1252 %s" % h, lambda: b"a\x81\x8d".decode("cp1252", h))
t("sig", lambda: b"\xef\xbb\xbfab\xef\xbb\xbf".decode("utf-8-sig"))
t("sig-nobom", lambda: b"ab".decode("utf-8-sig"))
t("sig-err", lambda: b"\xef\xbb\xbf\xff".decode("utf-8-sig"))
t("sig-enc", lambda: "\u00e9".encode("utf-8-sig"))
t("empty16", lambda: (b"".decode("utf-16"), "".encode("utf-16"), "".encode("utf-32")))
t("bom-only", lambda: b"\xff\xfe".decode("utf-16"))
t("str()", lambda: str(b"\xfe\xff\x00a", "utf-16"))
t("bytes()", lambda: bytes("a\u00e9", "utf-16-be"))
t("bytearray()", lambda: bytearray("\u20ac", "cp1252"))
t("unknown handler ok", lambda: "ab".encode("utf-16-le", "nope"))
t("unknown handler", lambda: "\ud800".encode("utf-16-le", "nope"))
t("surrogateescape utf-8", lambda: b"a\xff\xfeb".decode("utf-8", "surrogateescape").encode("utf-8", "surrogateescape"))
t("xmlcharref decode", lambda: b"\xff".decode("utf-8", "xmlcharrefreplace"))
