// The math module: CPython 3.11's functions and constants with the same special-value
// handling and errors ("math domain error" ValueError, "math range error" OverflowError).
// gamma/lgamma use the Lanczos approximation CPython uses (so results agree to the
// bit), fsum is Shewchuk's exact summation, hypot/dist the scaled compensated norm, and
// the integer functions (factorial, comb, perm, gcd, lcm, isqrt) work on big ints.
#include "stackless/modules/math.h"

#include "objects/containers.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"

#include <cerrno>
#include <cfloat>
#include <climits>
#include <algorithm>
#include <cmath>
#include <vector>

namespace slpy {

namespace {

constexpr double kPi = 3.141592653589793238462643383279502884197;
constexpr double kE = 2.718281828459045235360287471352662497757;
constexpr double kLogPi = 1.144729885849400174143427351353058711647;

Value domain_error(VM& vm) { return raise(vm, exc::ValueError, "math domain error"); }
Value range_error(VM& vm) { return raise(vm, exc::OverflowError, "math range error"); }

// CPython's math_1: nan from a non-nan argument is a domain error; inf from a finite
// argument is a range error (can_overflow) or a domain error (a singularity).
Value math_1(VM& vm, Value const* args, size_t nargs, char const* name, double (*f)(double), bool can_overflow)
{
    if (!check_nargs(vm, name, nargs, 1, 1))
        return Value::null();
    double x;
    if (!to_double(vm, args[0], x))
        return Value::null();
    double r = f(x);
    if (std::isnan(r) && !std::isnan(x))
        return domain_error(vm);
    if (std::isinf(r) && std::isfinite(x))
        return can_overflow ? range_error(vm) : domain_error(vm);
    return Value::from_double(r);
}

// CPython's math_2 for two-argument functions.
Value math_2(VM& vm, Value const* args, size_t nargs, char const* name, double (*f)(double, double))
{
    if (!check_nargs(vm, name, nargs, 2, 2))
        return Value::null();
    double x, y;
    if (!to_double(vm, args[0], x) || !to_double(vm, args[1], y))
        return Value::null();
    double r = f(x, y);
    if (std::isnan(r) && !std::isnan(x) && !std::isnan(y))
        return domain_error(vm);
    if (std::isinf(r) && std::isfinite(x) && std::isfinite(y))
        return range_error(vm);
    return Value::from_double(r);
}

// Functions reporting errors through errno (CPython's math_1a): EDOM is a domain error,
// ERANGE an overflow unless the result is small (an underflow).
Value math_1a(VM& vm, Value const* args, size_t nargs, char const* name, double (*f)(double))
{
    if (!check_nargs(vm, name, nargs, 1, 1))
        return Value::null();
    double x;
    if (!to_double(vm, args[0], x))
        return Value::null();
    errno = 0;
    double r = f(x);
    if (errno == EDOM)
        return domain_error(vm);
    if (errno == ERANGE && std::fabs(r) >= 1.5)
        return range_error(vm);
    return Value::from_double(r);
}

// ------------------------------------------------------------------ gamma (Lanczos)

constexpr int kLanczosN = 13;
constexpr double kLanczosG = 6.024680040776729583740234375;
constexpr double kLanczosGMinusHalf = 5.524680040776729583740234375;
constexpr double kLanczosNum[kLanczosN] = {
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
};
constexpr double kLanczosDen[kLanczosN] = {
    0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0,
    13339535.0, 2637558.0, 357423.0, 32670.0, 1925.0, 66.0, 1.0,
};

// The rational Lanczos sum for x > 0, evaluated in the numerically stable direction.
double lanczos_sum(double x)
{
    double num = 0.0, den = 0.0;
    if (x < 5.0) {
        for (int i = kLanczosN - 1; i >= 0; --i) {
            num = num * x + kLanczosNum[i];
            den = den * x + kLanczosDen[i];
        }
    } else {
        for (int i = 0; i < kLanczosN; ++i) {
            num = num / x + kLanczosNum[i];
            den = den / x + kLanczosDen[i];
        }
    }
    return num / den;
}

// sin(pi * x), accurate near the integers.
double sinpi(double x)
{
    double y = std::fmod(std::fabs(x), 2.0);
    int n = static_cast<int>(std::round(2.0 * y));
    double r;
    switch (n) {
    case 0: r = std::sin(kPi * y); break;
    case 1: r = std::cos(kPi * (y - 0.5)); break;
    case 2: r = std::sin(kPi * (1.0 - y)); break;
    case 3: r = -std::cos(kPi * (y - 1.5)); break;
    default: r = std::sin(kPi * (y - 2.0)); break;
    }
    return std::copysign(1.0, x) * r;
}

double m_tgamma(double x)
{
    if (!std::isfinite(x)) {
        if (std::isnan(x) || x > 0.0)
            return x;
        errno = EDOM;
        return NAN;
    }
    if (x == 0.0) {
        errno = EDOM;
        return std::copysign(HUGE_VAL, x);
    }
    if (x == std::floor(x)) {
        if (x < 0.0) {
            errno = EDOM;
            return NAN;
        }
        if (x <= 23.0) {
            double r = 1.0;
            for (int i = 2; i < static_cast<int>(x); ++i)
                r *= i;
            return r;
        }
    }
    double absx = std::fabs(x);
    if (absx < 1e-20) {
        double r = 1.0 / x;
        if (std::isinf(r))
            errno = ERANGE;
        return r;
    }
    if (absx > 200.0) {
        if (x < 0.0)
            return 0.0 / sinpi(x);
        errno = ERANGE;
        return HUGE_VAL;
    }
    double y = absx + kLanczosGMinusHalf;
    double q, z;
    if (absx > kLanczosGMinusHalf) {
        q = y - absx;
        z = q - kLanczosGMinusHalf;
    } else {
        q = y - kLanczosGMinusHalf;
        z = q - absx;
    }
    z = z * kLanczosG / y;
    double r;
    if (x < 0.0) {
        r = -kPi / sinpi(absx) / absx * std::exp(y) / lanczos_sum(absx);
        r -= z * r;
        if (absx < 140.0) {
            r /= std::pow(y, absx - 0.5);
        } else {
            double sqrtpow = std::pow(y, absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / std::exp(y);
        r += z * r;
        if (absx < 140.0) {
            r *= std::pow(y, absx - 0.5);
        } else {
            double sqrtpow = std::pow(y, absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    if (std::isinf(r))
        errno = ERANGE;
    return r;
}

double m_lgamma(double x)
{
    if (!std::isfinite(x)) {
        if (std::isnan(x))
            return x;
        return HUGE_VAL; // lgamma(+-inf) = +inf
    }
    if (x == std::floor(x) && x <= 2.0) {
        if (x <= 0.0) {
            errno = EDOM;
            return HUGE_VAL;
        }
        return 0.0;
    }
    double absx = std::fabs(x);
    if (absx < 1e-20)
        return -std::log(absx);
    double r = std::log(lanczos_sum(absx)) - kLanczosG;
    r += (absx - 0.5) * (std::log(absx + kLanczosG - 0.5) - 1);
    if (x < 0.0)
        r = kLogPi - std::log(std::fabs(sinpi(absx))) - std::log(absx) - r;
    if (std::isinf(r))
        errno = ERANGE;
    return r;
}

// ------------------------------------------------------------------ unary functions

#define SLPY_MATH_FUNC1(pyname, cfn, can_overflow)                                            \
    Value math_##pyname(VM& vm, Value const* args, size_t nargs, Tuple* kw)                  \
    {                                                                                         \
        if (!check_no_kwargs(vm, "math." #pyname, kw))                                                \
            return Value::null();                                                             \
        return math_1(vm, args, nargs, "math." #pyname, [](double x) { return cfn(x); }, can_overflow); \
    }

SLPY_MATH_FUNC1(acos, std::acos, false)
SLPY_MATH_FUNC1(acosh, std::acosh, false)
SLPY_MATH_FUNC1(asin, std::asin, false)
SLPY_MATH_FUNC1(asinh, std::asinh, false)
SLPY_MATH_FUNC1(atan, std::atan, false)
SLPY_MATH_FUNC1(atanh, std::atanh, false)
SLPY_MATH_FUNC1(cbrt, std::cbrt, false)
SLPY_MATH_FUNC1(cos, std::cos, false)
SLPY_MATH_FUNC1(cosh, std::cosh, true)
SLPY_MATH_FUNC1(erf, std::erf, false)
SLPY_MATH_FUNC1(erfc, std::erfc, false)
SLPY_MATH_FUNC1(exp, std::exp, true)
SLPY_MATH_FUNC1(exp2, std::exp2, true)
SLPY_MATH_FUNC1(expm1, std::expm1, true)
SLPY_MATH_FUNC1(fabs, std::fabs, false)
SLPY_MATH_FUNC1(log1p, std::log1p, false)
SLPY_MATH_FUNC1(sin, std::sin, false)
SLPY_MATH_FUNC1(sinh, std::sinh, true)
SLPY_MATH_FUNC1(sqrt, std::sqrt, false)
SLPY_MATH_FUNC1(tan, std::tan, false)
SLPY_MATH_FUNC1(tanh, std::tanh, false)

Value math_gamma(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.gamma", kw))
        return Value::null();
    return math_1a(vm, args, nargs, "math.gamma", m_tgamma);
}
Value math_lgamma(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.lgamma", kw))
        return Value::null();
    return math_1a(vm, args, nargs, "math.lgamma", m_lgamma);
}

// degrees/radians are plain multiplications (no range check, as CPython).
Value math_scale(VM& vm, Value const* args, size_t nargs, char const* name, double factor)
{
    if (!check_nargs(vm, name, nargs, 1, 1))
        return Value::null();
    double x;
    if (!to_double(vm, args[0], x))
        return Value::null();
    return Value::from_double(x * factor);
}
Value math_degrees(VM& vm, Value const* a, size_t n, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.degrees", kw))
        return Value::null();
    return math_scale(vm, a, n, "math.degrees", 180.0 / kPi);
}
Value math_radians(VM& vm, Value const* a, size_t n, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.radians", kw))
        return Value::null();
    return math_scale(vm, a, n, "math.radians", kPi / 180.0);
}

#define SLPY_MATH_PRED(pyname, expr)                                             \
    Value math_##pyname(VM& vm, Value const* args, size_t nargs, Tuple* kw)     \
    {                                                                            \
        if (!check_no_kwargs(vm, "math." #pyname, kw) ||                         \
            !check_nargs(vm, "math." #pyname, nargs, 1, 1))                      \
            return Value::null();                                                \
        double x;                                                                \
        if (!to_double(vm, args[0], x))                                          \
            return Value::null();                                                \
        return py_bool(expr);                                                    \
    }
SLPY_MATH_PRED(isfinite, std::isfinite(x))
SLPY_MATH_PRED(isinf, std::isinf(x))
SLPY_MATH_PRED(isnan, std::isnan(x))

// ------------------------------------------------------------------ logarithms

double m_log_generic(double x, double (*f)(double))
{
    if (std::isfinite(x)) {
        if (x > 0.0)
            return f(x);
        if (x == 0.0)
            return -HUGE_VAL;
        return NAN;
    }
    if (std::isnan(x) || x > 0.0)
        return x;
    return NAN;
}

// log of any number, big ints included (split as m * 2**e when too large for a float).
Value log_helper(VM& vm, Value arg, double (*f)(double))
{
    if (is_int(arg)) {
        if (int_sign(arg) <= 0)
            return domain_error(vm);
        double d;
        if (int_to_double(vm, arg, d))
            return Value::from_double(m_log_generic(d, f));
        vm.clear_error();
        MpzView z(int_unwrap(arg));
        long bits = static_cast<long>(mpz_sizeinbase(z, 2));
        long shift = bits - 55;
        Mpz q;
        mpz_tdiv_q_2exp(q, z, static_cast<mp_bitcnt_t>(shift));
        bool sticky = mpz_scan1(z, 0) < static_cast<mp_bitcnt_t>(shift);
        double m;
        (void)mpz_scaled_to_double(q, -55, sticky, m); // in [0.5, 1]
        return Value::from_double(f(m) + f(2.0) * static_cast<double>(shift + 55));
    }
    double x;
    if (!to_double(vm, arg, x))
        return Value::null();
    double r = m_log_generic(x, f);
    if (std::isnan(r) && !std::isnan(x))
        return domain_error(vm);
    if (std::isinf(r) && std::isfinite(x))
        return domain_error(vm);
    return Value::from_double(r);
}

double c_log(double x) { return std::log(x); }
double c_log2(double x) { return std::log2(x); }
double c_log10(double x) { return std::log10(x); }

Value math_log(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "log", kw))
        return Value::null();
    if (nargs < 1 || nargs > 2)
        return raise(vm, exc::TypeError, "math.log requires 1 to 2 arguments");
    Value num = TRY(log_helper(vm, args[0], c_log));
    if (nargs == 1)
        return num;
    Value den = TRY(log_helper(vm, args[1], c_log));
    if (den.as_double() == 0.0)
        return raise(vm, exc::ZeroDivisionError, "float division by zero");
    return Value::from_double(num.as_double() / den.as_double());
}

Value math_log2(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.log2", kw))
        return Value::null();
    if (!check_nargs(vm, "math.log2", nargs, 1, 1))
        return Value::null();
    return log_helper(vm, args[0], c_log2);
}

Value math_log10(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.log10", kw))
        return Value::null();
    if (!check_nargs(vm, "math.log10", nargs, 1, 1))
        return Value::null();
    return log_helper(vm, args[0], c_log10);
}

// ------------------------------------------------------------------ two-argument functions

Value math_atan2(VM& vm, Value const* a, size_t n, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.atan2", kw))
        return Value::null();
    return math_2(vm, a, n, "atan2", [](double x, double y) { return std::atan2(x, y); });
}
Value math_copysign(VM& vm, Value const* a, size_t n, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.copysign", kw))
        return Value::null();
    return math_2(vm, a, n, "copysign", [](double x, double y) { return std::copysign(x, y); });
}
Value math_remainder(VM& vm, Value const* a, size_t n, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.remainder", kw))
        return Value::null();
    return math_2(vm, a, n, "remainder", [](double x, double y) { return std::remainder(x, y); });
}
Value math_fmod(VM& vm, Value const* a, size_t n, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.fmod", kw))
        return Value::null();
    return math_2(vm, a, n, "fmod", [](double x, double y) {
        if (std::isinf(y) && std::isfinite(x))
            return x;
        return std::fmod(x, y);
    });
}
Value math_nextafter(VM& vm, Value const* a, size_t n, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.nextafter", kw))
        return Value::null();
    if (!check_nargs(vm, "nextafter", n, 2, 2))
        return Value::null();
    double x, y;
    if (!to_double(vm, a[0], x) || !to_double(vm, a[1], y))
        return Value::null();
    return Value::from_double(std::nextafter(x, y));
}

Value math_pow(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.pow", kw))
        return Value::null();
    if (!check_nargs(vm, "pow", nargs, 2, 2))
        return Value::null();
    double x, y, r;
    if (!to_double(vm, args[0], x) || !to_double(vm, args[1], y))
        return Value::null();
    bool odd_y;
    if (!std::isfinite(x) || !std::isfinite(y)) {
        if (std::isnan(x)) {
            r = y == 0.0 ? 1.0 : x;
        } else if (std::isnan(y)) {
            r = x == 1.0 ? 1.0 : y;
        } else if (std::isinf(x)) {
            odd_y = std::isfinite(y) && std::fmod(std::fabs(y), 2.0) == 1.0;
            if (y > 0.0)
                r = odd_y ? x : std::fabs(x);
            else if (y == 0.0)
                r = 1.0;
            else
                r = odd_y ? std::copysign(0.0, x) : 0.0;
        } else {
            if (std::fabs(x) == 1.0)
                r = 1.0;
            else if (y > 0.0 && std::fabs(x) > 1.0)
                r = y;
            else if (y < 0.0 && std::fabs(x) < 1.0)
                r = -y;
            else
                r = 0.0;
        }
        return Value::from_double(r);
    }
    if (x == 0.0 && y < 0.0)
        return domain_error(vm);
    r = std::pow(x, y);
    if (std::isnan(r))
        return domain_error(vm);
    if (std::isinf(r))
        return x == 0.0 ? domain_error(vm) : range_error(vm);
    return Value::from_double(r);
}

Value math_ldexp(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.ldexp", kw))
        return Value::null();
    if (!check_nargs(vm, "ldexp", nargs, 2, 2))
        return Value::null();
    double x;
    if (!to_double(vm, args[0], x))
        return Value::null();
    if (!is_int(args[1]))
        return raise(vm, exc::TypeError, "Expected an int as second argument to ldexp.");
    int64_t e;
    bool fits = int_to_i64(args[1], e);
    if (x == 0.0 || !std::isfinite(x))
        return Value::from_double(x);
    if (!fits)
        e = int_sign(args[1]) > 0 ? INT64_MAX : INT64_MIN;
    if (e > INT_MAX)
        return range_error(vm);
    if (e < INT_MIN)
        return Value::from_double(std::copysign(0.0, x));
    double r = std::ldexp(x, static_cast<int>(e));
    if (std::isinf(r))
        return range_error(vm);
    return Value::from_double(r);
}

Value math_frexp(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.frexp", kw))
        return Value::null();
    if (!check_nargs(vm, "math.frexp", nargs, 1, 1))
        return Value::null();
    double x;
    if (!to_double(vm, args[0], x))
        return Value::null();
    int e = 0;
    double m = (std::isnan(x) || std::isinf(x) || x == 0.0) ? x : std::frexp(x, &e);
    return Value::from_object(tuple_pack(vm, { Value::from_double(m), Value::small_int(e) }));
}

Value math_modf(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.modf", kw))
        return Value::null();
    if (!check_nargs(vm, "math.modf", nargs, 1, 1))
        return Value::null();
    double x;
    if (!to_double(vm, args[0], x))
        return Value::null();
    double ip, fp;
    if (std::isinf(x)) {
        fp = std::copysign(0.0, x);
        ip = x;
    } else if (std::isnan(x)) {
        fp = ip = x;
    } else {
        fp = std::modf(x, &ip);
    }
    return Value::from_object(tuple_pack(vm, { Value::from_double(fp), Value::from_double(ip) }));
}

Value math_ulp(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.ulp", kw))
        return Value::null();
    if (!check_nargs(vm, "math.ulp", nargs, 1, 1))
        return Value::null();
    double x;
    if (!to_double(vm, args[0], x))
        return Value::null();
    if (std::isnan(x))
        return Value::from_double(x);
    x = std::fabs(x);
    if (std::isinf(x))
        return Value::from_double(x);
    double x2 = std::nextafter(x, HUGE_VAL);
    if (std::isinf(x2)) {
        x2 = std::nextafter(x, -HUGE_VAL);
        return Value::from_double(x - x2);
    }
    return Value::from_double(x2 - x);
}

// ------------------------------------------------------------------ rounding to int

// Calls type(x).<name>(x) when the type defines it; not_found otherwise.
Value call_special(VM& vm, Value x, char const* name)
{
    String* method = intern(vm, name);
    if (!method)
        return Value::null();
    return call_special0(vm, x, method); // binds a non-function descriptor first
}

Value math_floor_ceil(VM& vm, Value const* args, size_t nargs, bool ceil)
{
    if (!check_nargs(vm, ceil ? "math.ceil" : "math.floor", nargs, 1, 1))
        return Value::null();
    Value x = args[0];
    if (x.is_double())
        return int_from_double(vm, ceil ? std::ceil(x.as_double()) : std::floor(x.as_double()));
    if (x.is_int())
        return x;
    Value r = call_special(vm, x, ceil ? "__ceil__" : "__floor__");
    if (!r.is_not_found())
        return r;
    double d;
    if (!to_double(vm, x, d))
        return Value::null();
    return int_from_double(vm, ceil ? std::ceil(d) : std::floor(d));
}
Value math_floor(VM& vm, Value const* a, size_t n, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.floor", kw))
        return Value::null();
    return math_floor_ceil(vm, a, n, false);
}
Value math_ceil(VM& vm, Value const* a, size_t n, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.ceil", kw))
        return Value::null();
    return math_floor_ceil(vm, a, n, true);
}

Value math_trunc(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.trunc", kw))
        return Value::null();
    if (!check_nargs(vm, "math.trunc", nargs, 1, 1))
        return Value::null();
    Value x = args[0];
    if (x.is_double())
        return int_from_double(vm, x.as_double());
    Value r = call_special(vm, x, "__trunc__");
    if (r.is_not_found())
        return raise_fmt(vm, exc::TypeError, "type %s doesn't define __trunc__ method", type_name(x));
    return r;
}

// ------------------------------------------------------------------ integer functions

uint64_t saturating_mul(uint64_t a, uint64_t b)
{
    uint64_t r;
    return __builtin_mul_overflow(a, b, &r) ? UINT64_MAX - 64 : r;
}

// log2(x!) by Stirling (lgamma), for sizing factorials before GMP computes them.
uint64_t log2_factorial(double x)
{
    return static_cast<uint64_t>(std::lgamma(x + 1.0) / std::log(2.0)) + 1;
}

Value math_factorial(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.factorial", kw))
        return Value::null();
    if (!check_nargs(vm, "math.factorial", nargs, 1, 1))
        return Value::null();
    Value n = TRY(index(vm, args[0]));
    if (int_sign(n) < 0)
        return raise(vm, exc::ValueError, "factorial() not defined for negative values");
    int64_t k;
    if (!int_to_i64(n, k))
        return raise(vm, exc::OverflowError, "factorial() argument should not exceed 9223372036854775807");
    if (k > (int64_t(1) << 32))
        return raise_no_memory(vm);
    // k! has log2(k!) bits (lgamma); GMP's product tree needs about as much again.
    if (!int_reserve_bits(vm, log2_factorial(double(k)) + 64, 2))
        return Value::null();
    Mpz r;
    mpz_fac_ui(r, static_cast<unsigned long>(k));
    return int_from_mpz(vm, r);
}

Value math_gcd_lcm(VM& vm, Value const* args, size_t nargs, Tuple* kw, bool lcm)
{
    if (!check_no_kwargs(vm, lcm ? "math.lcm" : "math.gcd", kw))
        return Value::null();
    Mpz acc;
    mpz_set_ui(acc, lcm ? 1 : 0);
    for (size_t i = 0; i < nargs; ++i) {
        Value v = TRY(index(vm, args[i]));
        if (lcm && !int_reserve_bits(vm, mpz_sizeinbase(acc, 2) + int_bit_length(v), 2))
            return Value::null();
        MpzView z(v);
        if (lcm)
            mpz_lcm(acc, acc, z);
        else
            mpz_gcd(acc, acc, z);
    }
    return int_from_mpz(vm, acc);
}
Value math_gcd(VM& vm, Value const* a, size_t n, Tuple* kw) { return math_gcd_lcm(vm, a, n, kw, false); }
Value math_lcm(VM& vm, Value const* a, size_t n, Tuple* kw) { return math_gcd_lcm(vm, a, n, kw, true); }

Value math_isqrt(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.isqrt", kw))
        return Value::null();
    if (!check_nargs(vm, "math.isqrt", nargs, 1, 1))
        return Value::null();
    Value n = TRY(index(vm, args[0]));
    if (int_sign(n) < 0)
        return raise(vm, exc::ValueError, "isqrt() argument must be nonnegative");
    if (!int_reserve_bits(vm, int_bit_length(n) / 2 + 64, 2))
        return Value::null();
    MpzView z(n);
    Mpz r;
    mpz_sqrt(r, z);
    return int_from_mpz(vm, r);
}

// perm(n, k=None) and comb(n, k)
Value math_comb_perm(VM& vm, Value const* args, size_t nargs, bool comb)
{
    char const* name = comb ? "comb" : "perm";
    if (!check_nargs(vm, name, nargs, comb ? 2 : 1, 2))
        return Value::null();
    Value n = TRY(index(vm, args[0]));
    // CPython's perm(n) is factorial(n), with factorial's messages.
    if (!comb && (nargs == 1 || is_none(args[1])))
        return math_factorial(vm, &n, 1, nullptr);
    Value k = TRY(index(vm, args[1]));
    if (int_sign(n) < 0)
        return raise(vm, exc::ValueError, "n must be a non-negative integer");
    if (int_sign(k) < 0)
        return raise(vm, exc::ValueError, "k must be a non-negative integer");
    if (int_compare(k, n) > 0)
        return Value::small_int(0);
    MpzView nz(n), kz(k);
    Mpz r, kk;
    if (comb) {
        // Use min(k, n - k).
        Mpz nk;
        mpz_sub(nk, nz, kz);
        mpz_set(kk, mpz_cmp(nk, kz) < 0 ? nk.z : kz.get());
        if (!mpz_fits_slong_p(kk))
            return raise(vm, exc::OverflowError, "min(n - k, k) must not exceed 9223372036854775807");
        // comb(n, k) <= min(n**k, 2**n).
        if (!int_reserve_bits(vm, std::min(saturating_mul(mpz_get_ui(kk), int_bit_length(n)), int_bit_length(n) > 63 ? UINT64_MAX - 64 : uint64_t(mpz_get_ui(nz))) + 64, 2))
            return Value::null();
        mpz_bin_ui(r, nz, mpz_get_ui(kk));
    } else {
        if (!mpz_fits_slong_p(kz))
            return raise(vm, exc::OverflowError, "k must not exceed 9223372036854775807");
        unsigned long kv = mpz_get_ui(kz);
        // n! / (n-k)! as the falling product, multiplied pairwise for balance.
        if (mpz_fits_ulong_p(nz)) {
            unsigned long nv = mpz_get_ui(nz);
            if (kv > (1ul << 32))
                return raise_no_memory(vm);
            // n! is computed whole, then divided by (n - k)!.
            if (!int_reserve_bits(vm, log2_factorial(double(nv)) + 64, 3))
                return Value::null();
            Mpz den;
            mpz_fac_ui(r, nv);
            mpz_fac_ui(den, nv - kv);
            mpz_divexact(r, r, den);
        } else {
            if (kv > (1ul << 24))
                return raise_no_memory(vm);
            if (!int_reserve_bits(vm, saturating_mul(kv, int_bit_length(n)) + 64, 2))
                return Value::null();
            mpz_set_ui(r, 1);
            Mpz f;
            for (unsigned long i = 0; i < kv; ++i) {
                mpz_sub_ui(f, nz, i);
                mpz_mul(r, r, f);
            }
        }
    }
    return int_from_mpz(vm, r);
}
Value math_comb(VM& vm, Value const* a, size_t n, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.comb", kw))
        return Value::null();
    return math_comb_perm(vm, a, n, true);
}
Value math_perm(VM& vm, Value const* a, size_t n, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.perm", kw))
        return Value::null();
    return math_comb_perm(vm, a, n, false);
}

// ------------------------------------------------------------------ sums and products

// Argument clinic's checks that come before keyword matching: too many arguments in
// total, then a missing required one (so "missing required argument" wins over an
// unknown keyword, as in CPython).
bool clinic_precheck(VM& vm, char const* fname, size_t nargs, Tuple* kwnames, std::initializer_list<char const*> names,
                     size_t required, size_t posonly, size_t maxpos)
{
    size_t nkw = kwnames ? kwnames->size : 0;
    if (nargs + nkw > names.size()) {
        raise_fmt(vm, exc::TypeError, "%s() takes at most %zu argument%s (%zu given)", fname, names.size(),
                  names.size() == 1 ? "" : "s", nargs + nkw);
        return false;
    }
    for (size_t i = nargs; i < required; ++i) {
        if (i < posonly) {
            raise_fmt(vm, exc::TypeError, "%s() takes %s %zu positional argument%s (%zu given)", fname,
                      std::min(posonly, required) < maxpos ? "at least" : "exactly", posonly, posonly == 1 ? "" : "s", nargs);
            return false;
        }
        bool found = false;
        for (size_t k = 0; k < nkw; ++k) {
            String* key = as_str(kwnames->items[k]);
            if (key && key->view() == names.begin()[i])
                found = true;
        }
        if (!found) {
            raise_fmt(vm, exc::TypeError, "%s() missing required argument '%s' (pos %zu)", fname, names.begin()[i], i + 1);
            return false;
        }
    }
    return true;
}

Value math_prod(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    // prod(iterable, /, *, start=1)
    if (!clinic_precheck(vm, "prod", nargs, kwnames, { "iterable", "start" }, 1, 1, 1))
        return Value::null();
    Value out[2];
    if (!parse_args(vm, "prod", args, nargs, kwnames, { "iterable", "start" }, 1, out, 1))
        return Value::null();
    if (nargs > 1)
        return raise_fmt(vm, exc::TypeError, "prod() takes exactly 1 positional argument (%zu given)", nargs);
    Value acc = out[1].is_null() ? Value::small_int(1) : out[1];
    Value it = TRY(get_iter(vm, out[0]));
    for (;;) {
        Value item = TRY(iter_next(vm, it));
        if (item.is_stop_iteration())
            break;
        acc = TRY(binary_op(vm, acc, item, BinOpArg::MULTIPLY));
    }
    return acc;
}

// Exact float summation (Shewchuk's partials) with CPython's special-value rules.
Value math_fsum(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.fsum", kw))
        return Value::null();
    if (!check_nargs(vm, "math.fsum", nargs, 1, 1))
        return Value::null();
    Value it = TRY(get_iter(vm, args[0]));
    std::vector<double> partials;
    double special_sum = 0.0, inf_sum = 0.0;
    for (;;) {
        Value item = TRY(iter_next(vm, it));
        if (item.is_stop_iteration())
            break;
        double x;
        if (!to_double(vm, item, x))
            return Value::null();
        double xsave = x;
        size_t i = 0;
        for (double y : partials) {
            if (std::fabs(x) < std::fabs(y))
                std::swap(x, y);
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0)
                partials[i++] = lo;
            x = hi;
        }
        partials.resize(i);
        if (x != 0.0) {
            if (!std::isfinite(x)) {
                if (std::isfinite(xsave))
                    return raise(vm, exc::OverflowError, "intermediate overflow in fsum");
                if (std::isinf(xsave))
                    inf_sum += xsave;
                special_sum += xsave;
                partials.clear();
            } else {
                partials.push_back(x);
            }
        }
    }
    if (special_sum != 0.0) {
        if (std::isnan(inf_sum))
            return raise(vm, exc::ValueError, "-inf + inf in fsum");
        return Value::from_double(special_sum);
    }
    double hi = 0.0;
    size_t n = partials.size();
    if (n > 0) {
        hi = partials[--n];
        double lo = 0.0;
        while (n > 0) {
            double x = hi;
            double y = partials[--n];
            hi = x + y;
            double yr = hi - x;
            lo = y - yr;
            if (lo != 0.0)
                break;
        }
        // Round half to even correctly when the remaining partials push past a tie.
        if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
            double y = lo * 2.0;
            double x = hi + y;
            double yr = x - hi;
            if (y == yr)
                hi = x;
        }
    }
    return Value::from_double(hi);
}

// ------------------------------------------------------------------ hypot / dist

// Euclidean norm of vec (absolute values, max their maximum), accurate to about 1 ulp:
// scaled by a power of two, squares summed with compensation, then a correction step.
double vector_norm(std::vector<double>& vec, double max, bool found_nan)
{
    if (std::isinf(max))
        return max;
    if (found_nan)
        return NAN;
    if (max == 0.0 || vec.size() <= 1)
        return max;
    int max_e;
    std::frexp(max, &max_e);
    if (max_e < -1023) {
        // Subnormal inputs: rescale out of the subnormal range first.
        for (double& v : vec)
            v /= DBL_MIN;
        return DBL_MIN * vector_norm(vec, max / DBL_MIN, found_nan);
    }
    double scale = std::ldexp(1.0, -max_e);
    double csum = 1.0, frac1 = 0.0, frac2 = 0.0;
    for (double v : vec) {
        double x = v * scale; // exact
        double hi = x * x;
        double lo = std::fma(x, x, -hi);
        double sum = csum + hi;
        frac2 += (csum - sum) + hi;
        csum = sum;
        frac1 += lo;
    }
    double h = std::sqrt(csum - 1.0 + (frac1 + frac2));
    double pr_hi = -h * h;
    double pr_lo = std::fma(-h, h, -pr_hi);
    double sum = csum + pr_hi;
    frac2 += (csum - sum) + pr_hi;
    csum = sum;
    frac1 += pr_lo;
    double x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    return h / scale;
}

Value math_hypot(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.hypot", kw))
        return Value::null();
    std::vector<double> vec(nargs);
    double max = 0.0;
    bool found_nan = false;
    for (size_t i = 0; i < nargs; ++i) {
        double x;
        if (!to_double(vm, args[i], x))
            return Value::null();
        x = std::fabs(x);
        vec[i] = x;
        found_nan |= std::isnan(x);
        if (x > max)
            max = x;
    }
    return Value::from_double(vector_norm(vec, max, found_nan));
}

Value math_dist(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "math.dist", kw) || !check_nargs(vm, "dist", nargs, 2, 2))
        return Value::null();
    Value seqs[2];
    for (int s = 0; s < 2; ++s) {
        if (as_tuple(args[s])) {
            seqs[s] = args[s];
        } else {
            List* l = list_from_iterable(vm, args[s]);
            if (!l)
                return Value::null();
            seqs[s] = Value::from_object(l);
        }
    }
    auto items = [](Value v, size_t& n) -> Value const* {
        if (Tuple* t = as_tuple(v)) {
            n = t->size;
            return t->items;
        }
        List* l = as_list(v);
        n = l->size;
        return l->items();
    };
    size_t np, nq;
    Value const* p = items(seqs[0], np);
    Value const* q = items(seqs[1], nq);
    if (np != nq)
        return raise(vm, exc::ValueError, "both points must have the same number of dimensions");
    std::vector<double> vec(np);
    double max = 0.0;
    bool found_nan = false;
    for (size_t i = 0; i < np; ++i) {
        double a, b;
        if (!to_double(vm, p[i], a) || !to_double(vm, q[i], b))
            return Value::null();
        double x = std::fabs(a - b);
        vec[i] = x;
        found_nan |= std::isnan(x);
        if (x > max)
            max = x;
    }
    return Value::from_double(vector_norm(vec, max, found_nan));
}

Value math_isclose(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    size_t npos = nargs; // positional arguments (keyword values follow them)
    if (!clinic_precheck(vm, "isclose", nargs, kwnames, { "a", "b", "rel_tol", "abs_tol" }, 2, 0, 2))
        return Value::null();
    if (npos > 2)
        return raise_fmt(vm, exc::TypeError, "isclose() takes exactly 2 positional arguments (%zu given)", npos);
    Value out[4];
    if (!parse_args(vm, "isclose", args, nargs, kwnames, { "a", "b", "rel_tol", "abs_tol" }, 2, out))
        return Value::null();
    double a, b, rel_tol = 1e-09, abs_tol = 0.0;
    if (!to_double(vm, out[0], a) || !to_double(vm, out[1], b))
        return Value::null();
    if (!out[2].is_null() && !to_double(vm, out[2], rel_tol))
        return Value::null();
    if (!out[3].is_null() && !to_double(vm, out[3], abs_tol))
        return Value::null();
    if (rel_tol < 0.0 || abs_tol < 0.0)
        return raise(vm, exc::ValueError, "tolerances must be non-negative");
    if (a == b)
        return py_true();
    if (std::isinf(a) || std::isinf(b))
        return py_false();
    double diff = std::fabs(b - a);
    return py_bool((diff <= std::fabs(rel_tol * b)) || (diff <= std::fabs(rel_tol * a)) || (diff <= abs_tol));
}

} // namespace

Module* make_math_module(VM& vm)
{
    Module* m = module_new(vm, "math");
    module_add_functions(vm, m, {
        { "acos", math_acos }, { "acosh", math_acosh }, { "asin", math_asin }, { "asinh", math_asinh },
        { "atan", math_atan }, { "atan2", math_atan2 }, { "atanh", math_atanh }, { "cbrt", math_cbrt },
        { "ceil", math_ceil }, { "comb", math_comb }, { "copysign", math_copysign }, { "cos", math_cos },
        { "cosh", math_cosh }, { "degrees", math_degrees }, { "dist", math_dist }, { "erf", math_erf },
        { "erfc", math_erfc }, { "exp", math_exp }, { "exp2", math_exp2 }, { "expm1", math_expm1 },
        { "fabs", math_fabs }, { "factorial", math_factorial }, { "floor", math_floor }, { "fmod", math_fmod },
        { "frexp", math_frexp }, { "fsum", math_fsum }, { "gamma", math_gamma }, { "gcd", math_gcd },
        { "hypot", math_hypot }, { "isclose", math_isclose }, { "isfinite", math_isfinite },
        { "isinf", math_isinf }, { "isnan", math_isnan }, { "isqrt", math_isqrt }, { "lcm", math_lcm },
        { "ldexp", math_ldexp }, { "lgamma", math_lgamma }, { "log", math_log }, { "log10", math_log10 },
        { "log1p", math_log1p }, { "log2", math_log2 }, { "modf", math_modf }, { "nextafter", math_nextafter },
        { "perm", math_perm }, { "pow", math_pow }, { "prod", math_prod }, { "radians", math_radians },
        { "remainder", math_remainder }, { "sin", math_sin }, { "sinh", math_sinh }, { "sqrt", math_sqrt },
        { "tan", math_tan }, { "tanh", math_tanh }, { "trunc", math_trunc }, { "ulp", math_ulp },
    });
    module_add(vm, m, "pi", Value::from_double(kPi));
    module_add(vm, m, "e", Value::from_double(kE));
    module_add(vm, m, "tau", Value::from_double(2.0 * kPi));
    module_add(vm, m, "inf", Value::from_double(HUGE_VAL));
    module_add(vm, m, "nan", Value::from_double(NAN));
    return m;
}

} // namespace slpy
