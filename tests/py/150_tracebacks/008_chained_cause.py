# explicit chaining: "The above exception was the direct cause of the following exception:"
class ParseError(Exception):
    pass

def parse(text):
    try:
        return int(text)
    except ValueError as exc:
        raise ParseError(f"bad number {text!r}") from exc

parse("12")
parse("x12")
