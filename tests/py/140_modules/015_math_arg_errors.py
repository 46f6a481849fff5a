# math: keyword and argument-count errors as CPython words them; round()'s missing argument
import math

def t(label, f):
    try:
        r = f()
        print(label, "%.12g" % r if isinstance(r, float) else repr(r))
    except Exception as e:
        print(label, type(e).__name__, e)

for name in ["sqrt", "exp", "floor", "ceil", "trunc", "fabs", "factorial", "isqrt", "isfinite", "frexp",
             "modf", "ulp", "gamma", "degrees", "fsum", "atan2", "copysign", "fmod", "pow", "ldexp",
             "nextafter", "comb", "perm", "gcd", "lcm", "hypot", "dist", "log", "log2", "log10"]:
    f = getattr(math, name)
    t(name + "(x=1)", lambda: f(x=1))
    t(name + "(1, x=2)", lambda: f(1, x=2))
t("sqrt()", lambda: math.sqrt())
t("atan2(1)", lambda: math.atan2(1))
t("perm()", lambda: math.perm())
t("prod()", lambda: math.prod())
t("prod(x=1)", lambda: math.prod(x=1))
t("prod(1, 2, x=3)", lambda: math.prod(1, 2, x=3))
t("prod([2, 3], start=2)", lambda: math.prod([2, 3], start=2))
t("prod([2], 3)", lambda: math.prod([2], 3))
t("isclose(x=1)", lambda: math.isclose(x=1))
t("isclose(1, x=2)", lambda: math.isclose(1, x=2))
t("isclose(1, 2, 3, 4, 5)", lambda: math.isclose(1, 2, 3, 4, 5))
t("isclose(1, 2, 3)", lambda: math.isclose(1, 2, 3))
t("isclose(1, 1.05, rel_tol=0.1)", lambda: math.isclose(1, 1.05, rel_tol=0.1))
t("round(x=1)", lambda: round(x=1))
t("round()", lambda: round())
t("round(number=2.5)", lambda: round(number=2.5))
t("round(2.567, ndigits=2)", lambda: round(2.567, ndigits=2))
