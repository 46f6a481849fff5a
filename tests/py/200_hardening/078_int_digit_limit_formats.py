# sys.set_int_max_str_digits applies to %d/%i/%u, format()/f-strings with d/n/,/_ and decimal int literals in source
import sys
sys.set_int_max_str_digits(1000)
n = 10**1500
for expr in ['"%d" % n', '"%i" % n', '"%u" % n', '"%x" % n', '"%o" % n', '"%s" % n', '"%r" % n', '"{:d}".format(n)',
             'f"{n:d}"', 'f"{n}"', 'format(n, "d")', 'format(n, ",")', 'format(n, "_")', 'format(n, "x")', 'format(n, "b")',
             'format(n, "")', 'str(n)', 'repr(n)', 'int("1"*1001)', '"%d" % -n', '"%5d" % n', '"%-+3000d" % n',
             'format(n, ">3000d")', 'b"%d" % n', 'bytearray(b"%i") % n', 'b"%x" % n', 'format(n, "n")', 'f"{n!s}"',
             'f"{n!r}"', '"%d" % 10**999', '"%d" % (10**1000 - 1)', '"%d" % 10**1000', '"%d" % float(10**300)',
             '"%d" % True']:
    try:
        r = eval(expr)
        print(expr, 'ok', len(r) if isinstance(r, (str, bytes, bytearray)) else r)
    except Exception as e:
        print(expr, type(e).__name__, e)
for s in ["x = " + "1" * 1001, "x = " + "1" * 1000, "x = 0x" + "f" * 2000, "x = -" + "9" * 1001,
          "x = " + "1" * 1001 + ".0", "x = " + "1" * 1001 + "j", "x = " + "1_" * 600 + "1", "x = 0o" + "7" * 3000,
          "y = 1\nz = (2,\n     " + "3" * 1200 + ")", "x = 1" + "0" * 1000 + "e0"]:
    try:
        compile(s, "s", "exec")
        print(len(s), "compiles")
    except SyntaxError as e:
        print(len(s), type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, len(e.text))
try:
    compile("f'{" + "4" * 1001 + "}'", "s", "eval")
except SyntaxError as e:
    print(e.msg[:60], e.lineno)
sys.set_int_max_str_digits(0)
print(len("%d" % n), len(f"{n:,}"))
code = compile("x = " + "5" * 5000, "s", "exec")
ns = {}
exec(code, ns)
print(len(str(ns["x"])))
sys.set_int_max_str_digits(4300)
try:
    exec(code, ns)
    print("the compiled literal keeps its value")
except Exception as e:
    print(type(e).__name__)
