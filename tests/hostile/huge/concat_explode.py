# huge: + / % / f-string concatenation of large strings until MemoryError (128 MiB limit)
# hostile: mem=128
for make in (lambda s: s + s, lambda s: "%s%s" % (s, s), lambda s: f"{s}{s}", lambda s: s.__add__(s)):
    s = "x" * (2**20)
    try:
        for i in range(10):
            s = make(s)
    except (MemoryError, OverflowError):
        pass
    s = None
print("done")
