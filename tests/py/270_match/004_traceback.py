# match statements: a traceback from inside a pattern points at the pattern's line
class Bad:
    __match_args__ = ("a", "b")


def check(v):
    match v:
        case [1, 2]:
            return "pair"
        case Bad(
            x,
            y,
            z,
        ):
            return "bad"


print(check([1, 2]))
check(Bad())
