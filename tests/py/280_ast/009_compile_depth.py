# compile() of a chain of 2500 binary operations: CPython's compiler allows 3 * the recursion
# limit of nesting (3000 levels), and refuses 5000 with RecursionError.
src = "def f(x):\n    x = x or " + "-x" * 2500 + "\n    return x\n"
ns = {}
exec(compile(src, "<deep>", "exec"), ns)
print(ns["f"](5))
try:
    compile("x = " + "-x" * 5000, "<deeper>", "exec")
except RecursionError as e:
    print("RecursionError:", e)
