# -*- coding: latin-1 -*-
# a latin-1 coding cookie: the file is decoded as latin-1, and the traceback shows the decoded line
s = "déjà vu © ½ ÿ"
print(s, len(s), [hex(ord(c)) for c in s[:4]])
print(s.encode("utf-8"))
café = "identifier with é"
print(café, "café" in globals())
b = b"\xe9"
print(b, b.decode("latin-1") == "é")
def f():
    return "é" + 1
f()
