# error messages from constructing builtin types with bad arguments
cases = [lambda: int("12", base=1), lambda: int(1, 2), lambda: list(1, 2), lambda: dict(1), lambda: dict([1]),
         lambda: dict([(1, 2, 3)]), lambda: set(1), lambda: tuple(1), lambda: str(1, 2), lambda: bool(1, 2),
         lambda: float("1", "2"), lambda: range(), lambda: range(1, 2, 3, 4), lambda: slice(), lambda: type(1, 2),
         lambda: object(1), lambda: enumerate(), lambda: zip(1), lambda: frozenset(1)]
for c in cases:
    try:
        c()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
