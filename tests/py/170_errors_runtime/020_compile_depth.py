# Very deep syntax trees stop the compiler with CPython's RecursionError, never a crash.
for piece in ["a", "a.b", "f()", "a[0]"]:
    if piece == "a":
        src = "x = " + "+".join(["a"] * 50000)
    elif piece == "a.b":
        src = "x = a" + ".b" * 50000
    elif piece == "f()":
        src = "x = f" + "()" * 50000
    else:
        src = "x = a" + "[0]" * 50000
    try:
        compile(src, "deep", "exec")
    except RecursionError as e:
        print(piece, "RecursionError", e)
print("x = " + "+".join(["1"] * 100) == "x = " + "+".join(["1"] * 100), eval("+".join(["1"] * 500)))
