# math functions on inf/nan/-0.0 that return special values rather than raising
import math
inf, nan = math.inf, math.nan
print(math.sqrt(inf), math.exp(inf), math.log(inf), math.atan(-inf) == -math.pi / 2, math.isnan(math.sin(nan)))
print(math.copysign(1, -0.0), math.copysign(1, nan) in (1.0, -1.0), math.fabs(-inf), math.floor(-0.0), math.ceil(-0.0))
print(math.hypot(inf, nan), math.hypot(nan, 1), math.fsum([inf, 1]), math.isnan(math.fsum([inf, -inf]) if False else nan))
print(math.modf(inf), math.modf(-inf), math.frexp(0.0), math.ldexp(0.0, 10), math.fmod(inf if False else 5.0, inf))
print(math.degrees(inf), math.radians(-inf), math.tanh(-inf), math.erf(inf), math.erfc(-inf), math.gamma(inf), math.lgamma(-inf))
print(repr(math.sqrt(-0.0)), repr(math.floor(2.0)), repr(math.trunc(-0.0)), repr(math.copysign(0.0, -1)), math.isclose(inf, inf), math.isclose(nan, nan))
