# unicode text: len, indexing, ord/chr, case mapping, slicing non-ASCII
s = "héllo wörld — 日本語 😀!"
print(s, len(s), s[1], s[-2], s[12:15], s.upper())
print([ord(c) for c in "é日😀"], chr(233), chr(0x65E5), chr(0x1F600), chr(0))
print("日本語".encode("utf-8"), len("😀".encode("utf-8")), "Ünïcödé".lower(), "straße".upper())
print(repr("日本"), ascii("日本 é"), repr("\u200b"), repr("\x00\x1f"), repr("\U0001F600"))
print(sorted("éaèb"), "é" > "z", max("abcé"))
print("😀" * 3, "–".join(["a", "b"]), "ａｂｃ".upper())
