# split, rsplit, splitlines, partition, rpartition, join
print("a,b,,c".split(","), "a b  c ".split(), "  a  b  ".split(" "), "a,b,c".split(",", 1))
print("a,b,c".rsplit(",", 1), " x y z ".rsplit(None, 1), "".split(), "".split(","))
print("line1\nline2\r\nline3\rline4\n".splitlines(), "a\nb\n".splitlines(True), "x\x0by\x1cz".splitlines())
print("key=value=x".partition("="), "noeq".partition("="), "a.b.c".rpartition("."), "abc".rpartition("x"))
print("-".join(["a", "b", "c"]), "".join("xyz"), ", ".join(str(i) for i in range(5)))
try:
    "-".join([1, 2])
except TypeError as e:
    print(type(e).__name__, e)
try:
    "a".split("")
except ValueError as e:
    print(type(e).__name__, e)
print("a\tb\u3000c\xa0d".split())
