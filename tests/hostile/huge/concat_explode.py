# huge: + / % / f-string concatenation of large strings until MemoryError (256 MiB limit)
# hostile: mem=256
for make in (lambda s: s + s, lambda s: "%s%s" % (s, s), lambda s: f"{s}{s}", lambda s: s.__add__(s)):
    s = "x" * (2**22)
    try:
        for i in range(10):
            s = make(s)
    except (MemoryError, OverflowError):
        pass
    s = None
print("done")
