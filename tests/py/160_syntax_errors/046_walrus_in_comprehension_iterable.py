# an assignment expression anywhere inside a comprehension's iterable (nested lambdas and comprehensions too) is a SyntaxError
cases = [
    "[i for i in (i := range(5))]",
    "[i for i in (lambda:(j := range(5)))()]",
    "[i for i in [j for j in (k := range(5))]]",
    "[i for i in [j for j in range(5) if (j := True)]]",
    "[i for i in [(j := True) for j in range(5)]]",
    "{i for i in (lambda:(j := range(5)))()}",
    "[i for i in range(5) if (j := i)]",
    "[(j := i) for i in range(5)]",
    "[i for i in [(j := 1)]]",
]
for src in cases:
    for wrap in ("%s", "lambda: %s"):
        try:
            compile(wrap % src, "<s>", "exec")
            print(repr(wrap % src), "ok")
        except SyntaxError as e:
            print(repr(wrap % src), "SyntaxError:", e.msg, e.lineno, e.offset)
