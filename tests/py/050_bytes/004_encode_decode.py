# encode/decode with utf-8, ascii, latin-1 and round trips
s = "héllo 日本 😀"
u = s.encode("utf-8")
print(u, len(u), u.decode("utf-8") == s, s.encode() == u, u.decode() == s)
print("abc".encode("ascii"), "é".encode("latin-1"), b"\xe9".decode("latin-1"), "é".encode("utf-8"))
print("ÿ".encode("latin-1"), bytes(range(250, 256)).decode("latin-1"), "x".encode("UTF8"), "y".encode("utf_8"))
print(b"\xc3\xa9".decode("utf-8"), "\u20ac".encode("utf-8"), "€".encode("utf-8").decode("latin-1"))
print(s.encode("utf-8", "strict")[:6], b"caf\xc3\xa9".decode(encoding="utf-8"), "A".encode(encoding="ascii"))
