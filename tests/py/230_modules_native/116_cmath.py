# cmath: every function over a grid of finite, zero, huge, tiny, infinite and NaN parts; errors; constants
import cmath

vals = [0.0, -0.0, 0.3, -0.7, 1.0, -1.0, 2.5, -3.5, 1e-310, 1e-300, 1e300, -1e308, float('inf'), -float('inf'), float('nan')]
names = ['sqrt', 'exp', 'log', 'log10', 'acos', 'asin', 'atan', 'cos', 'sin', 'tan', 'acosh', 'asinh', 'atanh', 'cosh', 'sinh', 'tanh']
for n in names:
    f = getattr(cmath, n)
    out = []
    for a in vals:
        for b in vals:
            try:
                out.append(repr(f(complex(a, b))))
            except (ValueError, OverflowError) as e:
                out.append(type(e).__name__[0])
    print(n, ' '.join(out))
for a in vals:
    print(cmath.phase(complex(a, 1.0)), cmath.phase(a), cmath.polar(complex(a, -2.0)), end=' | ')
    for phi in [0.0, -0.0, 0.5, -2.0, float('inf'), float('nan')]:
        try:
            print(cmath.rect(a, phi), end=' ')
        except (ValueError, OverflowError) as e:
            print(type(e).__name__[0], end=' ')
    print()
print(cmath.log(8, 2), cmath.log(1j, 1j), cmath.log(0j, 2), cmath.log(-1, 10), cmath.exp(1), cmath.sqrt(-4), cmath.sqrt(4))
print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.nan, cmath.infj, cmath.nanj)
print(cmath.isfinite(1 + 2j), cmath.isfinite(cmath.infj), cmath.isinf(complex(1, float('inf'))), cmath.isnan(cmath.nanj), cmath.isnan(1))
print(cmath.isclose(1 + 1j, 1 + 1.0000000001j), cmath.isclose(1, 1.1), cmath.isclose(1, 1.1, rel_tol=0.2), cmath.isclose(0, 1e-10, abs_tol=1e-9),
      cmath.isclose(cmath.infj, cmath.infj), cmath.isclose(cmath.inf, 1e308))
class C:
    def __complex__(self):
        return 3 + 4j
class F:
    def __float__(self):
        return 0.25
class I:
    def __index__(self):
        return 9
print(cmath.sqrt(C()), cmath.sqrt(F()), cmath.sqrt(I()), cmath.phase(True), cmath.polar(C()))
for call in [lambda: cmath.log(0), lambda: cmath.sqrt('x'), lambda: cmath.exp(1000), lambda: cmath.atanh(1), lambda: cmath.log(1, 0),
             lambda: cmath.log(1, 1), lambda: cmath.cosh(1000), lambda: cmath.isclose(1, 2, rel_tol=-1), lambda: cmath.log10(0),
             lambda: cmath.sqrt(), lambda: cmath.rect(1j, 1), lambda: cmath.log(1, 2, 3), lambda: cmath.sinh(-1000 + 1j)]:
    try:
        print(call())
    except (ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__, e)
