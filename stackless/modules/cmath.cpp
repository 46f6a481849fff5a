// The cmath module: complex functions and constants with CPython 3.11's argument
// conversions and errors.
//
// The algorithms are CPython's (scaled to avoid overflow, log1p near |z| = 1, the inverse
// functions through complex square roots), so finite results are CPython's to the bit.
// The results for arguments with an infinite or NaN part, and whether they raise, come
// from tables generated from CPython (cmath_gen.py -> cmath_special.h). Errors as
// CPython's errno: EDOM is ValueError("math domain error"), ERANGE (overflow)
// OverflowError("math range error").
#include "stackless/modules/runtime_modules.h"

#include "objects/complex.h"
#include "objects/complex_math.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"

#include "stackless/modules/cmath_special.h"

#include <cfloat>
#include <cmath>
#include <complex>

namespace slpy {

namespace {

using Cx = std::complex<double>;

String* g_complex_name = nullptr;

// A complex argument as CPython's PyArg "D": complex, __complex__, else a real number
// (__float__ / __index__); TypeError "must be real number, not X".
bool complex_arg(VM& vm, Value v, Cx& out)
{
    if (is_complex(v)) {
        Complex* c = complex_unwrap(v);
        out = Cx(c->real, c->imag);
        return true;
    }
    if (v.is_object() && !is_instance_fast(v, types.float_) && !is_instance_fast(v, types.int_)) {
        if (!g_complex_name)
            g_complex_name = intern(vm, "__complex__");
        Value m = type_lookup(type_of(v), g_complex_name);
        if (!m.is_null() && !m.is_not_found()) {
            Value c = call_method(vm, v, g_complex_name, nullptr, 0);
            if (c.is_null())
                return false;
            if (!is_complex(c)) {
                raise_fmt(vm, exc::TypeError, "__complex__ returned non-complex (type %s)", type_name(c));
                return false;
            }
            Complex* cc = complex_unwrap(c);
            out = Cx(cc->real, cc->imag);
            return true;
        }
    }
    double d;
    if (!is_instance_fast(v, types.float_) && !is_instance_fast(v, types.int_)) {
        Value f = type_of(v)->slot(Slot::FLOAT);
        Value i = type_of(v)->slot(Slot::INDEX);
        if (f.is_null() && i.is_null()) {
            raise_fmt(vm, exc::TypeError, "must be real number, not %s", type_name(v));
            return false;
        }
    }
    if (!to_double(vm, v, d))
        return false;
    out = Cx(d, 0.0);
    return true;
}

bool finite(Cx z) { return std::isfinite(z.real()) && std::isfinite(z.imag()); }

Value domain_error(VM& vm) { return raise(vm, exc::ValueError, "math domain error"); }
Value range_error(VM& vm) { return raise(vm, exc::OverflowError, "math range error"); }

// What CPython's errno says after a function: nothing, EDOM (ValueError), ERANGE (OverflowError).
enum class Err { None, Domain, Range };

// CPython's constants: results above these are computed with scaling to avoid overflow.
constexpr double kLargeDouble = DBL_MAX / 4.;
const double kSqrtLargeDouble = std::sqrt(kLargeDouble);
const double kLogLargeDouble = std::log(kLargeDouble);
const double kSqrtDblMin = std::sqrt(DBL_MIN);
constexpr int kScaleUp = 2 * (DBL_MANT_DIG / 2) + 1;
constexpr int kScaleDown = -(kScaleUp + 1) / 2;

// The class of a part for the special value tables (cmath_special.h).
int special_type(double d)
{
    if (std::isnan(d))
        return 6;
    if (std::isinf(d))
        return d > 0 ? 5 : 0;
    if (d != 0)
        return d > 0 ? 4 : 1;
    return std::signbit(d) ? 2 : 3;
}

// The table's answer for a non-finite argument.
Cx special(cmath_special::Func f, Cx z, Err& err)
{
    cmath_special::Entry const& e = cmath_special::kTables[f][special_type(z.real())][special_type(z.imag())];
    err = e.error == 1 ? Err::Domain : e.error == 2 ? Err::Range : Err::None;
    return Cx(e.re, e.im);
}

Cx c_sqrt(Cx z, Err& err)
{
    err = Err::None;
    if (!finite(z))
        return special(cmath_special::F_SQRT, z, err);
    if (z.real() == 0. && z.imag() == 0.)
        return Cx(0., z.imag());
    double ax = std::fabs(z.real()), ay = std::fabs(z.imag()), s;
    if (ax < DBL_MIN && ay < DBL_MIN) {
        // hypot(ax, ay) would be subnormal: scale up first.
        ax = std::ldexp(ax, kScaleUp);
        s = std::ldexp(std::sqrt(ax + std::hypot(ax, std::ldexp(ay, kScaleUp))), kScaleDown);
    } else {
        ax /= 8.;
        s = 2. * std::sqrt(ax + std::hypot(ax, ay / 8.));
    }
    double d = ay / (2. * s);
    if (z.real() >= 0.)
        return Cx(s, std::copysign(d, z.imag()));
    return Cx(d, std::copysign(s, z.imag()));
}

Cx c_exp(Cx z, Err& err)
{
    err = Err::None;
    if (!finite(z)) {
        Cx r;
        if (std::isinf(z.real()) && std::isfinite(z.imag()) && z.imag() != 0.) {
            if (z.real() > 0)
                r = Cx(std::copysign(INFINITY, std::cos(z.imag())), std::copysign(INFINITY, std::sin(z.imag())));
            else
                r = Cx(std::copysign(0., std::cos(z.imag())), std::copysign(0., std::sin(z.imag())));
        } else {
            r = special(cmath_special::F_EXP, z, err);
        }
        return r;
    }
    Cx r;
    if (z.real() > kLogLargeDouble) {
        double l = std::exp(z.real() - 1.);
        r = Cx(l * std::cos(z.imag()) * M_E, l * std::sin(z.imag()) * M_E);
    } else {
        double l = std::exp(z.real());
        r = Cx(l * std::cos(z.imag()), l * std::sin(z.imag()));
    }
    if (std::isinf(r.real()) || std::isinf(r.imag()))
        err = Err::Range;
    return r;
}

Cx c_log(Cx z, Err& err)
{
    err = Err::None;
    if (!finite(z))
        return special(cmath_special::F_LOG, z, err);
    double ax = std::fabs(z.real()), ay = std::fabs(z.imag()), re;
    if (ax > kLargeDouble || ay > kLargeDouble) {
        re = std::log(std::hypot(ax / 2., ay / 2.)) + M_LN2;
    } else if (ax < DBL_MIN && ay < DBL_MIN) {
        if (ax > 0. || ay > 0.) {
            re = std::log(std::hypot(std::ldexp(ax, DBL_MANT_DIG), std::ldexp(ay, DBL_MANT_DIG))) - DBL_MANT_DIG * M_LN2;
        } else {
            err = Err::Domain; // log(0)
            return Cx(-INFINITY, std::atan2(z.imag(), z.real()));
        }
    } else {
        double h = std::hypot(ax, ay);
        if (0.71 <= h && h <= 1.73) {
            double am = ax > ay ? ax : ay, an = ax > ay ? ay : ax;
            re = std::log1p((am - 1) * (am + 1) + an * an) / 2.;
        } else {
            re = std::log(h);
        }
    }
    return Cx(re, std::atan2(z.imag(), z.real()));
}

Cx c_log10(Cx z, Err& err)
{
    Cx r = c_log(z, err);
    return Cx(r.real() / M_LN10, r.imag() / M_LN10);
}

Cx c_acos(Cx z, Err& err)
{
    err = Err::None;
    if (!finite(z))
        return special(cmath_special::F_ACOS, z, err);
    if (std::fabs(z.real()) > kLargeDouble || std::fabs(z.imag()) > kLargeDouble) {
        double re = std::atan2(std::fabs(z.imag()), z.real());
        double l = std::log(std::hypot(z.real() / 2., z.imag() / 2.)) + M_LN2 * 2.;
        double im = z.real() < 0. ? -std::copysign(l, z.imag()) : std::copysign(l, -z.imag());
        return Cx(re, im);
    }
    Err e;
    Cx s1 = c_sqrt(Cx(1. - z.real(), -z.imag()), e);
    Cx s2 = c_sqrt(Cx(1. + z.real(), z.imag()), e);
    return Cx(2. * std::atan2(s1.real(), s2.real()), std::asinh(s2.real() * s1.imag() - s2.imag() * s1.real()));
}

Cx c_acosh(Cx z, Err& err)
{
    err = Err::None;
    if (!finite(z))
        return special(cmath_special::F_ACOSH, z, err);
    if (std::fabs(z.real()) > kLargeDouble || std::fabs(z.imag()) > kLargeDouble)
        return Cx(std::log(std::hypot(z.real() / 2., z.imag() / 2.)) + M_LN2 * 2., std::atan2(z.imag(), z.real()));
    Err e;
    Cx s1 = c_sqrt(Cx(z.real() - 1., z.imag()), e);
    Cx s2 = c_sqrt(Cx(z.real() + 1., z.imag()), e);
    return Cx(std::asinh(s1.real() * s2.real() + s1.imag() * s2.imag()), 2. * std::atan2(s1.imag(), s2.real()));
}

Cx c_asinh(Cx z, Err& err)
{
    err = Err::None;
    if (!finite(z))
        return special(cmath_special::F_ASINH, z, err);
    if (std::fabs(z.real()) > kLargeDouble || std::fabs(z.imag()) > kLargeDouble) {
        double l = std::log(std::hypot(z.real() / 2., z.imag() / 2.)) + M_LN2 * 2.;
        double re = z.imag() >= 0. ? std::copysign(l, z.real()) : -std::copysign(l, -z.real());
        return Cx(re, std::atan2(z.imag(), std::fabs(z.real())));
    }
    Err e;
    Cx s1 = c_sqrt(Cx(1. + z.imag(), -z.real()), e);
    Cx s2 = c_sqrt(Cx(1. - z.imag(), z.real()), e);
    return Cx(std::asinh(s1.real() * s2.imag() - s2.real() * s1.imag()),
              std::atan2(z.imag(), s1.real() * s2.real() - s1.imag() * s2.imag()));
}

Cx c_asin(Cx z, Err& err)
{
    Cx s = c_asinh(Cx(-z.imag(), z.real()), err);
    return Cx(s.imag(), -s.real());
}

Cx c_atanh(Cx z, Err& err)
{
    err = Err::None;
    if (!finite(z))
        return special(cmath_special::F_ATANH, z, err);
    if (z.real() < 0.) {
        Cx r = c_atanh(Cx(-z.real(), -z.imag()), err);
        return Cx(-r.real(), -r.imag());
    }
    double ay = std::fabs(z.imag());
    if (z.real() > kSqrtLargeDouble || ay > kSqrtLargeDouble) {
        double h = std::hypot(z.real() / 2., z.imag() / 2.);
        return Cx(z.real() / 4. / h / h, -std::copysign(M_PI / 2., -z.imag()));
    }
    if (z.real() == 1. && ay < kSqrtDblMin) {
        if (ay == 0.) {
            err = Err::Domain;
            return Cx(INFINITY, z.imag());
        }
        return Cx(-std::log(std::sqrt(ay) / std::sqrt(std::hypot(ay, 2.))), std::copysign(std::atan2(2., -ay) / 2, z.imag()));
    }
    return Cx(std::log1p(4. * z.real() / ((1 - z.real()) * (1 - z.real()) + ay * ay)) / 4.,
              -std::atan2(-2. * z.imag(), (1 - z.real()) * (1 + z.real()) - ay * ay) / 2.);
}

Cx c_atan(Cx z, Err& err)
{
    Cx s = c_atanh(Cx(-z.imag(), z.real()), err);
    return Cx(s.imag(), -s.real());
}

Cx c_cosh(Cx z, Err& err)
{
    err = Err::None;
    if (!finite(z)) {
        if (std::isinf(z.real()) && std::isfinite(z.imag()) && z.imag() != 0.) {
            double re = std::copysign(INFINITY, std::cos(z.imag()));
            double im = z.real() > 0 ? std::copysign(INFINITY, std::sin(z.imag())) : -std::copysign(INFINITY, std::sin(z.imag()));
            return Cx(re, im);
        }
        return special(cmath_special::F_COSH, z, err);
    }
    Cx r;
    if (std::fabs(z.real()) > kLogLargeDouble) {
        double x = z.real() - std::copysign(1., z.real());
        r = Cx(std::cos(z.imag()) * std::cosh(x) * M_E, std::sin(z.imag()) * std::sinh(x) * M_E);
    } else {
        r = Cx(std::cos(z.imag()) * std::cosh(z.real()), std::sin(z.imag()) * std::sinh(z.real()));
    }
    if (std::isinf(r.real()) || std::isinf(r.imag()))
        err = Err::Range;
    return r;
}

Cx c_sinh(Cx z, Err& err)
{
    err = Err::None;
    if (!finite(z)) {
        if (std::isinf(z.real()) && std::isfinite(z.imag()) && z.imag() != 0.) {
            double re = z.real() > 0 ? std::copysign(INFINITY, std::cos(z.imag())) : -std::copysign(INFINITY, std::cos(z.imag()));
            return Cx(re, std::copysign(INFINITY, std::sin(z.imag())));
        }
        return special(cmath_special::F_SINH, z, err);
    }
    Cx r;
    if (std::fabs(z.real()) > kLogLargeDouble) {
        double x = z.real() - std::copysign(1., z.real());
        r = Cx(std::cos(z.imag()) * std::sinh(x) * M_E, std::sin(z.imag()) * std::cosh(x) * M_E);
    } else {
        r = Cx(std::cos(z.imag()) * std::sinh(z.real()), std::sin(z.imag()) * std::cosh(z.real()));
    }
    if (std::isinf(r.real()) || std::isinf(r.imag()))
        err = Err::Range;
    return r;
}

Cx c_tanh(Cx z, Err& err)
{
    err = Err::None;
    if (!finite(z)) {
        if (std::isinf(z.real()) && std::isfinite(z.imag()) && z.imag() != 0.)
            return Cx(std::copysign(1., z.real()), std::copysign(0., 2. * std::sin(z.imag()) * std::cos(z.imag())));
        return special(cmath_special::F_TANH, z, err);
    }
    if (std::fabs(z.real()) > kLogLargeDouble)
        return Cx(std::copysign(1., z.real()), 4. * std::sin(z.imag()) * std::cos(z.imag()) * std::exp(-2. * std::fabs(z.real())));
    double tx = std::tanh(z.real()), ty = std::tan(z.imag()), cx = 1. / std::cosh(z.real());
    double txty = tx * ty, denom = 1. + txty * txty;
    return Cx(tx * (1. + ty * ty) / denom, ((ty / denom) * cx) * cx);
}

// cos, sin, tan through the hyperbolic functions of iz, as CPython.
Cx c_cos(Cx z, Err& err) { return c_cosh(Cx(-z.imag(), z.real()), err); }
Cx c_sin(Cx z, Err& err)
{
    Cx s = c_sinh(Cx(-z.imag(), z.real()), err);
    return Cx(s.imag(), -s.real());
}
Cx c_tan(Cx z, Err& err)
{
    Cx s = c_tanh(Cx(-z.imag(), z.real()), err);
    return Cx(s.imag(), -s.real());
}

Value result(VM& vm, Cx r, Err e)
{
    if (e == Err::Domain)
        return domain_error(vm);
    if (e == Err::Range)
        return range_error(vm);
    return complex_new(vm, r.real(), r.imag());
}

// The functions of one complex argument.
template<Cx (*F)(Cx, Err&)>
Value unary(VM& vm, char const* name, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, name, kwnames))
        return Value::null();
    if (nargs != 1)
        return raise_fmt(vm, exc::TypeError, "cmath.%s() takes exactly one argument (%zu given)", name, nargs);
    Cx z;
    if (!complex_arg(vm, args[0], z))
        return Value::null();
    Err e;
    Cx r = F(z, e);
    return result(vm, r, e);
}

#define SLPY_CMATH_UNARY(name)                                                            \
    Value cm_##name(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)              \
    {                                                                                     \
        return unary<c_##name>(vm, #name, args, nargs, kwnames);                          \
    }
SLPY_CMATH_UNARY(sqrt)
SLPY_CMATH_UNARY(exp)
SLPY_CMATH_UNARY(log10)
SLPY_CMATH_UNARY(acos)
SLPY_CMATH_UNARY(asin)
SLPY_CMATH_UNARY(atan)
SLPY_CMATH_UNARY(cos)
SLPY_CMATH_UNARY(sin)
SLPY_CMATH_UNARY(tan)
SLPY_CMATH_UNARY(acosh)
SLPY_CMATH_UNARY(asinh)
SLPY_CMATH_UNARY(atanh)
SLPY_CMATH_UNARY(cosh)
SLPY_CMATH_UNARY(sinh)
SLPY_CMATH_UNARY(tanh)
#undef SLPY_CMATH_UNARY

// log(x[, base]): as CPython, the error state is that of the last log computed, then
// of the division (by zero: domain error).
Value cm_log(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "log", kwnames) || !check_nargs(vm, "log", nargs, 1, 2))
        return Value::null();
    Cx z;
    if (!complex_arg(vm, args[0], z))
        return Value::null();
    Err e;
    Cx r = c_log(z, e);
    if (nargs == 2) {
        Cx b;
        if (!complex_arg(vm, args[1], b))
            return Value::null();
        Cx lb = c_log(b, e);
        bool zero = false;
        complex_math::C q = complex_math::quot({ r.real(), r.imag() }, { lb.real(), lb.imag() }, zero);
        if (zero)
            e = Err::Domain;
        r = Cx(q.re, q.im);
    }
    return result(vm, r, e);
}

bool real_arg(VM& vm, Value v, double& out)
{
    if (is_complex(v)) {
        raise_fmt(vm, exc::TypeError, "must be real number, not %s", type_name(v));
        return false;
    }
    if (!is_instance_fast(v, types.float_) && !is_instance_fast(v, types.int_) && type_of(v)->slot(Slot::FLOAT).is_null()
        && type_of(v)->slot(Slot::INDEX).is_null()) {
        raise_fmt(vm, exc::TypeError, "must be real number, not %s", type_name(v));
        return false;
    }
    return to_double(vm, v, out);
}

Value cm_phase(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "phase", kwnames))
        return Value::null();
    if (nargs != 1)
        return raise_fmt(vm, exc::TypeError, "cmath.phase() takes exactly one argument (%zu given)", nargs);
    Cx z;
    if (!complex_arg(vm, args[0], z))
        return Value::null();
    return Value::from_double(std::atan2(z.imag(), z.real()));
}

Value cm_polar(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "polar", kwnames))
        return Value::null();
    if (nargs != 1)
        return raise_fmt(vm, exc::TypeError, "cmath.polar() takes exactly one argument (%zu given)", nargs);
    Cx z;
    if (!complex_arg(vm, args[0], z))
        return Value::null();
    double r = std::hypot(z.real(), z.imag());
    if (std::isinf(r) && finite(z))
        return range_error(vm);
    return Value::from_object(tuple_pack(vm, { Value::from_double(r), Value::from_double(std::atan2(z.imag(), z.real())) }));
}

// rect(r, phi) = r * (cos phi + i sin phi), with CPython's special cases.
Value cm_rect(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "rect", kwnames) || !check_nargs(vm, "rect", nargs, 2, 2))
        return Value::null();
    double r, phi;
    if (!real_arg(vm, args[0], r) || !real_arg(vm, args[1], phi))
        return Value::null();
    double re, im;
    if (!std::isfinite(r) || !std::isfinite(phi)) {
        // An infinite r at a finite nonzero angle: the signs come from cos and sin.
        if (std::isinf(r) && std::isfinite(phi) && phi != 0.) {
            re = r > 0 ? std::copysign(INFINITY, std::cos(phi)) : -std::copysign(INFINITY, std::cos(phi));
            im = r > 0 ? std::copysign(INFINITY, std::sin(phi)) : -std::copysign(INFINITY, std::sin(phi));
        } else {
            Err unused;
            Cx z = special(cmath_special::F_RECT, Cx(r, phi), unused);
            re = z.real();
            im = z.imag();
        }
        if (r != 0. && !std::isnan(r) && std::isinf(phi))
            return domain_error(vm);
    } else if (phi == 0.0) {
        re = r;
        im = r * phi;
    } else {
        re = r * std::cos(phi);
        im = r * std::sin(phi);
    }
    return complex_new(vm, re, im);
}

template<bool (*Test)(Cx)>
Value predicate(VM& vm, char const* name, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, name, kwnames))
        return Value::null();
    if (nargs != 1)
        return raise_fmt(vm, exc::TypeError, "cmath.%s() takes exactly one argument (%zu given)", name, nargs);
    Cx z;
    if (!complex_arg(vm, args[0], z))
        return Value::null();
    return py_bool(Test(z));
}

bool t_isfinite(Cx z) { return finite(z); }
bool t_isinf(Cx z) { return std::isinf(z.real()) || std::isinf(z.imag()); }
bool t_isnan(Cx z) { return std::isnan(z.real()) || std::isnan(z.imag()); }

Value cm_isfinite(VM& vm, Value const* a, size_t n, Tuple* k) { return predicate<t_isfinite>(vm, "isfinite", a, n, k); }
Value cm_isinf(VM& vm, Value const* a, size_t n, Tuple* k) { return predicate<t_isinf>(vm, "isinf", a, n, k); }
Value cm_isnan(VM& vm, Value const* a, size_t n, Tuple* k) { return predicate<t_isnan>(vm, "isnan", a, n, k); }

// isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0), CPython's algorithm.
Value cm_isclose(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value v[4];
    if (!parse_args(vm, "isclose", args, nargs, kwnames, { "a", "b", "rel_tol", "abs_tol" }, 2, v))
        return Value::null();
    if (nargs > 2)
        return raise_fmt(vm, exc::TypeError, "isclose() takes exactly 2 positional arguments (%zu given)", nargs);
    Cx a, b;
    double rel = 1e-09, abs_tol = 0.0;
    if (!complex_arg(vm, v[0], a) || !complex_arg(vm, v[1], b))
        return Value::null();
    if (!v[2].is_null() && !real_arg(vm, v[2], rel))
        return Value::null();
    if (!v[3].is_null() && !real_arg(vm, v[3], abs_tol))
        return Value::null();
    if (rel < 0.0 || abs_tol < 0.0)
        return raise(vm, exc::ValueError, "tolerances must be non-negative");
    if (a == b)
        return py_true();
    if (t_isinf(a) || t_isinf(b))
        return py_false();
    double diff = std::abs(b - a);
    return py_bool((diff <= rel * std::abs(b)) || (diff <= rel * std::abs(a)) || diff <= abs_tol);
}

} // namespace

Module* make_cmath_module(VM& vm)
{
    Module* m = module_new(vm, "cmath");
    module_add_functions(vm, m, {
        { "sqrt", cm_sqrt }, { "exp", cm_exp }, { "log", cm_log }, { "log10", cm_log10 }, { "acos", cm_acos },
        { "asin", cm_asin }, { "atan", cm_atan }, { "cos", cm_cos }, { "sin", cm_sin }, { "tan", cm_tan },
        { "acosh", cm_acosh }, { "asinh", cm_asinh }, { "atanh", cm_atanh }, { "cosh", cm_cosh }, { "sinh", cm_sinh },
        { "tanh", cm_tanh }, { "phase", cm_phase }, { "polar", cm_polar }, { "rect", cm_rect }, { "isfinite", cm_isfinite },
        { "isinf", cm_isinf }, { "isnan", cm_isnan }, { "isclose", cm_isclose },
    });
    module_add(vm, m, "pi", Value::from_double(M_PI));
    module_add(vm, m, "e", Value::from_double(M_E));
    module_add(vm, m, "tau", Value::from_double(2 * M_PI));
    module_add(vm, m, "inf", Value::from_double(INFINITY));
    module_add(vm, m, "nan", Value::from_double(NAN));
    module_add(vm, m, "infj", complex_new(vm, 0.0, INFINITY));
    module_add(vm, m, "nanj", complex_new(vm, 0.0, NAN));
    return m;
}

} // namespace slpy
