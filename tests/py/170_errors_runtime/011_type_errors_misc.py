# TypeError messages: not callable, not iterable, not subscriptable, unhashable, wrong builtin argument types
five, s, none = 5, "s", None
cases = [lambda: five(), lambda: s(), lambda: none(), lambda: [x for x in five], lambda: list(None), lambda: five[0],
         lambda: none[0], lambda: {[]: 1}, lambda: {{}}, lambda: len(5), lambda: sorted(5), lambda: "a".join(5),
         lambda: int([]), lambda: float([]), lambda: sum(["a"]), lambda: max(5), lambda: "abc"[None:"x"],
         lambda: iter(None), lambda: next(5), lambda: abs(None), lambda: round([]), lambda: isinstance(1, "int"),
         lambda: "x".startswith(1), lambda: range(1.5), lambda: [].sort(1), lambda: divmod("a", 1), lambda: hash([]),
         lambda: "s" in 5, lambda: 1 in "s"]
for c in cases:
    try:
        c()
    except TypeError as e:
        print(type(e).__name__, e)
