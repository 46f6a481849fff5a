#!/usr/bin/env python3
# vim: set fileencoding=cp1252 :
# line 2 holds a vim-style cookie: cp1252 bytes 0x80 (euro) and 0x93/0x94 (quotes) decode
s = "€ 5 “quoted” …"
print(s, len(s), ascii(s))
print(s.encode("cp1252"), s.encode("utf-8"))
