# compile(): a bytes-like filename (deprecated) or a bad one, a chain of 2500 binary operations (CPython allows 3 * the recursion limit)
import warnings

for filename in ["file.py", b"file.py", bytearray(b"file.py"), memoryview(b"file.py")]:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        code = compile("pass", filename, "exec")
    print(type(filename).__name__, code.co_filename, [(x.category.__name__, str(x.message)) for x in w])
try:
    compile("pass", list(b"file.py"), "exec")
except TypeError as e:
    print("TypeError:", e)

# CPython's compiler takes 3 * the recursion limit of nesting.
src = "def f(x):\n    x = x or " + "-x" * 2500 + "\n    return x\n"
ns = {}
exec(compile(src, "<deep>", "exec"), ns)
print(ns["f"](5))
try:
    compile("x = " + "-x" * 5000, "<deeper>", "exec")
except RecursionError as e:
    print("RecursionError:", e)
