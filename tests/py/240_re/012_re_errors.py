# re.error messages and positions from CPython's parser; type errors of the engine
import re

for pattern in ["(", "a)", "[a", "a**", "(?P<1>a)", "(?P<a>a)(?P<a>b)", r"\1", "(?<=a+)b", "*a",
                "a{2,1}", "(?z)", r"\p", "(?P=nope)", "[z-a]", "(?i", "x{99999999999}"]:
    try:
        re.compile(pattern)
        print("ok", pattern)
    except re.error as e:
        print(repr(pattern), "->", e.msg, e.pos, e.lineno, e.colno)
    except OverflowError as e:
        print(repr(pattern), "-> OverflowError", e)
try:
    re.compile("a\n(b", re.X)
except re.error as e:
    print(str(e), e.lineno, e.colno)
for call in [lambda: re.match("a", b"a"), lambda: re.match(b"a", "a"), lambda: re.match("a", 5),
             lambda: re.compile(re.compile("a"), re.I), lambda: re.compile(5)]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(isinstance(re.compile("a"), re.Pattern), isinstance(re.match("a", "a"), re.Match), re.Pattern[str])
