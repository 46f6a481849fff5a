# globals() and locals() contents and modification at module level
g1 = "global one"
print(globals()["g1"], "g1" in globals(), globals() is locals(), globals()["__name__"])
globals()["made_dynamically"] = 42
print(made_dynamically)
def f(a, b=2):
    c = a + b
    return sorted(locals().items())
print(f(1))
def g():
    return "g1" in globals(), "g1" in locals()
print(g())
print(sorted(k for k in globals() if not k.startswith("__")))
