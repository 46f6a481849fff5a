# dis.opname/opmap and the has* lists agree; code_info/show_code/pretty_flags/findlinestarts
import dis


class Sink:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)


print(len(dis.opname), type(dis.opmap).__name__)
print(all(dis.opname[n] == name for name, n in dis.opmap.items()))
print(all(0 <= n < 256 for n in dis.opmap.values()), len(set(dis.opmap.values())) == len(dis.opmap))
for name in ("LOAD_CONST", "LOAD_FAST", "STORE_NAME", "RETURN_VALUE", "BINARY_OP", "CALL",
             "FOR_ITER", "JUMP_FORWARD", "COMPARE_OP", "YIELD_VALUE", "RESUME", "CACHE"):
    print(name, name in dis.opmap)
print(dis.opmap["LOAD_CONST"] in dis.hasconst, dis.opmap["LOAD_NAME"] in dis.hasname,
      dis.opmap["LOAD_GLOBAL"] in dis.hasname, dis.opmap["LOAD_FAST"] in dis.haslocal,
      dis.opmap["LOAD_DEREF"] in dis.hasfree, dis.opmap["COMPARE_OP"] in dis.hascompare,
      dis.opmap["JUMP_FORWARD"] in dis.hasjrel + dis.hasjabs, dis.opmap["RETURN_VALUE"] in dis.hasconst)
print(dis.cmp_op)
print(dis.pretty_flags(3), "|", dis.pretty_flags(0x23), "|", dis.pretty_flags(1 << 20))
print(sorted(dis.COMPILER_FLAG_NAMES.items())[:4])


def f(a, b, /, c=1, *, d, e=2):
    x = (a, b, "s", 1.5)
    return x


def outer(p):
    q = 1

    def inner():
        return p + q
    return inner


def gen():
    yield 1


info = dis.code_info(f)
keep = ("Name", "Filename", "Argument count", "Positional-only", "Kw-only", "Number of locals", "Flags")
for line in info.split("\n"):
    if line.startswith(keep):
        print(line.replace(__file__, "FILE"))
print(info[info.index("Constants:"):])
print(dis.code_info(outer)[dis.code_info(outer).index("Variable names:"):].replace("\n", "|"))
inner_info = dis.code_info(outer(1))
print(inner_info[inner_info.index("Flags:"):inner_info.index("\n", inner_info.index("Flags:"))])
print(inner_info[inner_info.index("Free variables:"):].replace("\n", "|"))
print(dis.code_info(gen).split("\n")[7])
print(dis.code_info("x + 1").split("\n")[:2])
sink = Sink()
print(dis.show_code(f, file=sink), "".join(sink.parts) == info + "\n")
try:
    dis.code_info(3)
except TypeError as e:
    print("TypeError:", e)

first = f.__code__.co_firstlineno
starts = list(dis.findlinestarts(f.__code__))
print([(off, line - first) for off, line in starts][:1], [line - first for off, line in starts])
print(all(off % 2 == 0 for off, _ in starts), [o for o, _ in starts] == sorted(o for o, _ in starts))
