# math error cases: ValueError "math domain error", OverflowError "math range error", and argument checks
import math
cases = [
    ("sqrt(-1)", lambda: math.sqrt(-1)), ("log(0)", lambda: math.log(0)), ("log(-1)", lambda: math.log(-1)),
    ("log10(0)", lambda: math.log10(0)), ("log2(-2)", lambda: math.log2(-2)), ("log1p(-1)", lambda: math.log1p(-1)),
    ("log(10, 1)", lambda: math.log(10, 1)), ("acos(2)", lambda: math.acos(2)), ("asin(-1.5)", lambda: math.asin(-1.5)),
    ("acosh(0.5)", lambda: math.acosh(0.5)), ("atanh(1)", lambda: math.atanh(1)), ("exp(1000)", lambda: math.exp(1000)),
    ("exp2(2000)", lambda: math.exp2(2000)), ("expm1(1000)", lambda: math.expm1(1000)), ("cosh(1000)", lambda: math.cosh(1000)),
    ("sinh(1000)", lambda: math.sinh(1000)), ("pow(10, 400)", lambda: math.pow(10.0, 400)), ("pow(0, -1)", lambda: math.pow(0, -1)),
    ("pow(-8, 1/3)", lambda: math.pow(-8, 1 / 3)), ("ldexp(1, 5000)", lambda: math.ldexp(1.0, 5000)), ("gamma(0)", lambda: math.gamma(0)),
    ("gamma(-1)", lambda: math.gamma(-1)), ("gamma(200)", lambda: math.gamma(200)), ("lgamma(0)", lambda: math.lgamma(0)),
    ("fmod(1, 0)", lambda: math.fmod(1, 0)), ("remainder(1, 0)", lambda: math.remainder(1, 0)), ("sin(inf)", lambda: math.sin(math.inf)),
    ("cos(-inf)", lambda: math.cos(-math.inf)), ("tan(inf)", lambda: math.tan(math.inf)), ("factorial(-1)", lambda: math.factorial(-1)),
    ("factorial(1.5)", lambda: math.factorial(1.5)), ("isqrt(-1)", lambda: math.isqrt(-1)), ("comb(-1, 2)", lambda: math.comb(-1, 2)),
    ("comb(5, -1)", lambda: math.comb(5, -1)), ("perm(-2)", lambda: math.perm(-2)), ("sqrt('x')", lambda: math.sqrt("x")),
    ("floor(inf)", lambda: math.floor(math.inf)), ("ceil(nan)", lambda: math.ceil(math.nan)), ("trunc(inf)", lambda: math.trunc(math.inf)),
    ("gcd(1.5)", lambda: math.gcd(1.5)), ("dist", lambda: math.dist((1, 2), (1,))), ("frexp(inf)", lambda: math.frexp(math.inf)),
    ("sqrt(10**400)", lambda: math.sqrt(10 ** 400)), ("log(0.0, 2)", lambda: math.log(0.0, 2)), ("isqrt(2.0)", lambda: math.isqrt(2.0)),
]
for name, fn in cases:
    try:
        r = fn()
        print(name, "->", r)
    except (ValueError, OverflowError, TypeError, ZeroDivisionError) as e:
        print(name, "->", type(e).__name__ + ":", e)
