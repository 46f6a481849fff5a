# dis.dis(f) prints CPython 3.11's layout: line-number, marker, '>>', offset, opname, arg, (argrepr)
import dis


class Sink:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)

    def text(self):
        return "".join(self.parts)


def f(a, b=2):
    x = a + b
    try:
        x = x // a
    except ZeroDivisionError:
        x = 0
    for i in range(3):
        x += i
    return x


sink = Sink()
print(dis.dis(f, file=sink))
text = sink.text()
lines = text.split("\n")
print("ends with newline:", text.endswith("\n"), lines[-1] == "")
lines = lines[:-1]
table_at = lines.index("ExceptionTable:")
code_lines = lines[:table_at]
table_lines = lines[table_at + 1:]

# Instruction rows: blank lines separate source lines (never first, never doubled).
print("first row not blank:", code_lines[0] != "")
print("no double blanks:", all(not (code_lines[i] == "" and code_lines[i + 1] == "") for i in range(len(code_lines) - 1)))
rows = [l for l in code_lines if l]
starts = []
offsets = []
targets = set()
marked = set()
ok_columns = True
for i, l in enumerate(code_lines):
    if not l:
        continue
    lineno, marker, jump, offset, rest = l[:3], l[3:8], l[8:10], l[10:15], l[16:]
    if marker != "     " or jump not in (">>", "  ") or l[15] != " ":
        ok_columns = False
    if lineno.strip():
        starts.append(int(lineno))
        # a new source line starts after a blank row (except the very first row)
        if i > 0 and code_lines[i - 1] != "":
            ok_columns = False
    elif i > 0 and code_lines[i - 1] == "":
        ok_columns = False
    offsets.append(int(offset))
    if jump == ">>":
        marked.add(int(offset))
    opname = rest.split()[0]
    # the opname is padded to 20 columns (a longer one just pushes the argument right)
    if not opname.isupper() or (len(opname) < 20 and len(rest) > 20 and rest[20] != " "):
        ok_columns = False
    if "(to " in rest:
        targets.add(int(rest[rest.index("(to ") + 4:rest.index(")", rest.index("(to "))]))
print("columns ok:", ok_columns)
print("offsets even and increasing:", all(o % 2 == 0 for o in offsets), offsets == sorted(set(offsets)), offsets[0] == 0)
first = f.__code__.co_firstlineno
print("line starts:", [s - first for s in starts])
print("first row is RESUME:", rows[0][16:].split()[0])
ops = [r[16:].split()[0] for r in rows]
print("RETURN_VALUE last:", ops[-1] == "RETURN_VALUE")
print("has LOAD_FAST a:", any(r[16:].split()[0] == "LOAD_FAST" and r.endswith("(a)") for r in rows))
print("has BINARY_OP (+):", any(r.endswith("(+)") for r in rows), any(r.endswith("(//)") for r in rows), any(r.endswith("(+=)") for r in rows))
print("has LOAD_CONST (2):", any("LOAD_CONST" in r and r.endswith("(2)") for r in rows) or "2" in repr(f.__defaults__))
print("global range:", any(r.endswith("(NULL + range)") for r in rows))

# Exception table: "  START to END -> TARGET [DEPTH]" with optional " lasti".
ok_table = len(table_lines) > 0
for l in table_lines:
    parts = l.split()
    if not (l.startswith("  ") and parts[1] == "to" and parts[3] == "->" and parts[5][0] == "["):
        ok_table = False
        continue
    start, end, target = int(parts[0]), int(parts[2]), int(parts[4])
    if start > end or start not in offsets or target not in offsets:
        ok_table = False
    targets.add(target)
print("exception table ok:", ok_table)
print("'>>' marks exactly the jump and handler targets:", marked == targets)

# A function without try has no table.
def g(n):
    return n * 2

sink = Sink()
dis.dis(g, file=sink)
print("no table:", "ExceptionTable" not in sink.text(), sink.text().count("\n"))
