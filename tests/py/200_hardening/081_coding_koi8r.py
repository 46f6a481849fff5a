# coding=koi8-r
# a koi8-r cookie (no spaces, "=" form): Cyrillic text in koi8-r bytes
привет = "Привет, мир"
print(привет, len(привет), ascii(привет))
print(привет.encode("koi8-r"), привет.encode("cp1251"), привет.encode("iso8859-5"))
print(sorted(k for k in globals() if not k.startswith("__")))
