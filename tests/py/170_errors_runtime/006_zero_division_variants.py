# ZeroDivisionError messages for every operator and type combination
cases = ["1 / 0", "1 // 0", "1 % 0", "divmod(1, 0)", "1.0 / 0", "1 / 0.0", "1.0 // 0", "1.0 % 0", "divmod(1.0, 0)",
         "0 ** -1", "0.0 ** -1", "10 ** 30 // 0", "True / False", "pow(0, -2)", "5 % 0.0"]
for c in cases:
    try:
        eval(c)
    except ZeroDivisionError as e:
        print(c, "->", type(e).__name__ + ":", e)
