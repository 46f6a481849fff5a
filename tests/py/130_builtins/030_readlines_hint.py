# readlines(hint) stops once more than `hint` characters (or bytes) have been read.
path = "/tmp/slpy_golden_readlines_hint.txt"
with open(path, "w") as f:
    f.write("a\nbb\nccc\ndddd")
for hint in [-1, 0, 1, 2, 3, 5, 6, 100]:
    with open(path) as f:
        text = f.readlines(hint)
    with open(path, "rb") as f:
        raw = f.readlines(hint)
    print(hint, text, raw)
