# re.sub/subn: str and callable replacements, group references in templates, bytes, errors
import re

print(re.sub(r"(\w+) (\w+)", r"\2 \1", "hello world foo bar"))
print(re.sub(r"(?P<word>\w+)", r"<\g<word>>", "a bc"), re.sub(r"(\w)", r"\g<1>\g<0>", "ab"))
print(re.sub(r"def\s+([a-zA-Z_][a-zA-Z_0-9]*)\s*\(\s*\):", r"static PyObject*\npy_\1(void)\n{", "def myfunc():"))
print(re.sub("-", lambda m: "+" if m.group() == "-" else "?", "a-b-c"), re.subn(r"\s+", " ", "a  b \t c"))
print(re.sub(r"(a)|b", r"[\1]", "ab"), re.sub(r"x", r"\n\t\\", "x"), re.sub(r"x", "\\0", "x"))
print(re.sub(rb"(\d+)", rb"<\1>", b"a12b3"), re.sub(b"a", lambda m: b"bb", b"aXa"))
m = re.match(r"(?P<a>\d)(?P<b>\w)?", "1")
print(m.expand(r"\g<a>-\g<b>-\1"), re.compile(r"(\d)").sub(r"\1\1", "a1b2", 1))
for args in [(r"(a)", r"\2", "a"), (r"(a)", r"\g<x>", "a"), (r"a", r"\q", "a"), (r"(a)", r"\g<1", "a"),
             (r"(a)", r"\g<-1>", "a")]:
    try:
        print(re.sub(*args))
    except (re.error, IndexError) as e:
        print(type(e).__name__, e)
try:
    re.sub("a", lambda m: 1, "a")
except TypeError as e:
    print("TypeError", e)
