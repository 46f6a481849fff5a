# dis.dis on functions, methods, classes, generators, code, source strings; depth; errors; distb
import dis
import sys


class Sink:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)

    def text(self):
        return "".join(self.parts)


def out_of(x, **kw):
    sink = Sink()
    r = dis.dis(x, file=sink, **kw)
    return r, sink.text()


def rows(text):
    return [l for l in text.split("\n") if l and l[16:17].isupper()]


def headers(text):
    return [l[:l.index(" at 0x")] if " at 0x" in l else l for l in text.split("\n") if l.startswith("Disassembly of ")]


class C:
    zeta = 3

    def method(self):
        return [y for y in self]

    @classmethod
    def cm(cls):
        return cls

    @staticmethod
    def sm():
        return 1

    class Inner:
        def g(self):
            pass

    prop = property(lambda self: 1)

    def alpha(self, v):
        self.v = v


def gen(n):
    yield n
    yield from range(n)


# A function and its bound method, staticmethod and code object disassemble the same.
r, by_func = out_of(C.method)
print(r, by_func == out_of(C().method)[1], by_func == out_of(C.method.__code__)[1])
print(headers(by_func))
print("comprehension body:", "FOR_ITER" in by_func, "LIST_APPEND" in by_func)

# A class: one header per function-like entry, sorted by name, each followed by a blank line.
_, by_class = out_of(C)
print(headers(by_class))
print(by_class.endswith("\n\n"), by_class.startswith("Disassembly of Inner:\nDisassembly of g:\n"))
print("cm via __func__:", out_of(C.cm)[1] in by_class)

# depth=0: only the outer code; depth=1: one level of nested code objects.
src = "def outer():\n    def inner():\n        return lambda: 1\n    return inner\n"
print([len(headers(out_of(src, depth=d)[1])) for d in (0, 1, 2, None, -1)])
print(headers(out_of(src)[1]))

# Source: tried as an expression first (so it ends in RETURN_VALUE of the value).
_, expr = out_of("a + b")
print([r[16:].split()[0] for r in rows(expr)][-2:], "(b)" in expr)
_, stmts = out_of("x = 1\nif x:\n    y = 2\n")
print("statements:", "STORE_NAME" in stmts, "(x)" in stmts, ">>" in stmts)

# A generator object disassembles its code.
g = gen(2)
_, by_gen = out_of(g)
print(by_gen == out_of(gen)[1], "YIELD_VALUE" in by_gen, "RETURN_GENERATOR" in by_gen)
g.close()

# file=None writes to sys.stdout at call time.
saved = sys.stdout
sys.stdout = sink = Sink()
try:
    dis.dis(gen)
finally:
    sys.stdout = saved
print("stdout:", sink.text() == by_gen)

# Errors.
for bad in (1, 2.5, [1]):
    try:
        dis.dis(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    dis.dis(gen, Sink())
except TypeError as e:
    print("TypeError:", e)
try:
    dis.dis("1 +")
except SyntaxError as e:
    print("SyntaxError:", e.msg, e.filename)
if hasattr(sys, "last_traceback"):
    del sys.last_traceback
try:
    dis.dis()
except RuntimeError as e:
    print("RuntimeError:", e)


# distb marks the instruction that raised with -->.
def divide(x):
    y = x + 1
    return y / 0


try:
    divide(1)
except ZeroDivisionError as e:
    tb = e.__traceback__
sink = Sink()
dis.distb(tb.tb_next, file=sink)
marked = [l for l in sink.text().split("\n") if l[4:7] == "-->"]
print(len(marked), marked[0][16:].split()[:1], marked[0].endswith("(/)"))
sys.last_traceback = tb
sink2 = Sink()
dis.dis(file=sink2)
print("last_traceback:", sink2.text() == sink.text())
del sys.last_traceback
