# misc: str.encode/bytes.decode with odd codecs, error handlers and lone surrogates
texts = ["abc", "\udcff", "\ud800\udc00", "\x00", "é" * 1000, "\U0010ffff", ""]
for t in texts:
    for enc in ("utf-8", "ascii", "latin-1", "utf-16", "utf-32", "nope", "", "utf_8", "UTF8", "\x00"):
        for errors in ("strict", "ignore", "replace", "surrogateescape", "surrogatepass", "backslashreplace",
                       "xmlcharrefreplace", "namereplace", "nope", ""):
            try:
                b = t.encode(enc, errors)
                b.decode(enc, errors)
            except (UnicodeError, LookupError, TypeError, ValueError):
                pass
for raw in (b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80" * 100):
    for enc in ("utf-8", "ascii", "utf-16", "utf-32", "latin-1"):
        try:
            raw.decode(enc, "surrogateescape").encode(enc, "surrogateescape")
        except (UnicodeError, LookupError):
            pass
