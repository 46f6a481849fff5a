# Sequence repetition with a non-int on either side: CPython's message names the non-int
for expr in ["1.5 * [1]", "[1] * 1.5", "'a' * 2.0", "2.0 * 'a'", "(1,) * None", "[1] + (1,)", "'a' + 1", "[1] * 'x'", "b'x' * 1.5", "None * [1]"]:
    try:
        eval(expr)
    except TypeError as e:
        print(expr, "->", e)
class Idx:
    def __index__(self):
        return 2
print(Idx() * [1], [1] * Idx(), Idx() * "ab", (0,) * Idx())
