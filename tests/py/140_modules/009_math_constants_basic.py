# math constants and exact functions: floor, ceil, trunc, fabs, sqrt, isqrt, factorial, gcd, lcm, comb, perm, copysign, modf, frexp, ldexp, fmod, remainder
import math
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan, math.isnan(math.nan))
print(math.floor(2.5), math.floor(-2.5), math.ceil(2.1), math.ceil(-2.1), math.trunc(-2.7), math.floor(10 ** 20), type(math.floor(2.0)).__name__)
print(math.fabs(-3), math.sqrt(16), math.sqrt(2), math.sqrt(0.0), math.sqrt(-0.0), math.isqrt(10 ** 20 + 1), math.isqrt(99))
print(math.factorial(0), math.factorial(20), len(str(math.factorial(1000))))
print(math.gcd(12, 18), math.gcd(0, 0), math.gcd(-4, 6), math.gcd(12, 18, 27), math.gcd(), math.lcm(4, 6), math.lcm(2, 3, 4), math.lcm(), math.lcm(0, 5))
print(math.comb(10, 3), math.comb(5, 7), math.comb(100, 50), math.perm(5, 2), math.perm(5), math.perm(3, 5))
print(math.copysign(3, -0.0), math.copysign(-2, 1), math.modf(3.75), math.modf(-2.5), math.frexp(8.0), math.frexp(0.1), math.ldexp(0.5, 4))
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.remainder(7, 3), math.remainder(5, 2), math.remainder(-7, 3))
print(math.fsum([0.1] * 10), math.fsum([1e100, 1.0, -1e100]), math.prod([1, 2, 3, 4]), math.prod([]), math.prod([2.5, 2], start=2))
print(math.isfinite(1.0), math.isfinite(math.inf), math.isinf(-math.inf), math.isnan(1.0), math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1), math.isclose(0, 1e-10, abs_tol=1e-9))
print(math.nextafter(1.0, 2.0), math.nextafter(1.0, 0.0), math.ulp(1.0), math.ulp(0.0), math.nextafter(0.0, 1.0))
print(math.degrees(math.pi), math.radians(180), math.trunc(3.99), math.floor(-0.5), math.ceil(-0.5))
