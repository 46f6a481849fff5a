# math transcendental functions (printed to 12 significant digits to stay libm-independent)
import math
def f(x):
    return "%.12g" % x
print(f(math.exp(1)), f(math.exp(-2.5)), f(math.exp2(10)), f(math.exp2(0.5)), f(math.expm1(1e-10)), f(math.expm1(1)))
print(f(math.log(math.e)), f(math.log(100, 10)), f(math.log(8, 2)), f(math.log10(1000)), f(math.log2(1024)), f(math.log1p(1e-10)), f(math.log(10 ** 400)))
print(f(math.sin(0.5)), f(math.cos(0.5)), f(math.tan(0.5)), f(math.asin(0.5)), f(math.acos(0.5)), f(math.atan(0.5)), f(math.atan2(1, -1)), f(math.atan2(-0.0, -1)))
print(f(math.sinh(1)), f(math.cosh(1)), f(math.tanh(1)), f(math.asinh(1)), f(math.acosh(2)), f(math.atanh(0.5)))
print(f(math.hypot(3, 4)), f(math.hypot(1, 2, 2)), f(math.hypot()), f(math.dist((0, 0), (3, 4))), f(math.dist((1, 2, 3), (4, 6, 3))))
print(f(math.erf(0.5)), f(math.erfc(0.5)), f(math.gamma(5)), f(math.gamma(0.5)), f(math.lgamma(10)), f(math.lgamma(0.5)))
print(f(math.pow(2, 0.5)), f(math.pow(2, 10)), math.pow(1, math.nan), math.pow(math.nan, 0), f(math.cbrt(27)), f(math.cbrt(-8)), f(math.sqrt(2)))
print(math.sin(0.0), math.cos(0.0), math.exp(0), math.log(1), math.atan(math.inf) == math.pi / 2, math.exp(-math.inf), math.tanh(math.inf))
print(math.gamma(1), math.gamma(6), math.lgamma(1), math.lgamma(2), math.erf(0), math.erfc(0), math.exp2(3), math.cbrt(64))
