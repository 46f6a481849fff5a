# format spec mini-language for ints: fill, align, sign, #, 0, width, grouping, types
n = 255
for spec in ["", "d", "5d", "<5d", "^7d", ">6", "05d", "+d", " d", "-d", "x", "X", "#x", "#X", "o", "#o", "b", "#b",
             "08b", "#010x", ",", "_", "_b", "_x", ",d", "c", "e", ".2f", "%", "n", "=+8", "*^9", "0=8"]:
    print(repr(spec), repr(format(n, spec)), repr(format(-n, spec)) if spec != "c" else "")
print(format(10 ** 20, ","), format(-1234567, "_"), format(0, "#b"), format(65, "c"))
for bad in [(1, "s"), (1, ",b"), (1.5, "d"), ("s", "d"), (1, ".2d")]:
    try:
        format(*bad)
    except ValueError as e:
        print(type(e).__name__, e)
