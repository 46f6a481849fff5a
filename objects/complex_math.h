// Complex arithmetic with CPython's algorithms, as plain C++ (no heap): the complex type
// (objects/complex.cpp) computes with it at run time and the compiler's constant folding
// (stackless/compiler/const_fold.cpp) at compile time, so a folded `(1+2j)/3j` is the
// value the division would give when run.
#pragma once

#include <cmath>

namespace slpy::complex_math {

struct C {
    double re, im;
};

inline C add(C a, C b) { return { a.re + b.re, a.im + b.im }; }
inline C sub(C a, C b) { return { a.re - b.re, a.im - b.im }; }
inline C prod(C a, C b) { return { a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re }; }

// a / b (CPython's _Py_c_quot, Smith-style); `zero` set when b == 0.
inline C quot(C a, C b, bool& zero)
{
    zero = false;
    double abs_bre = std::fabs(b.re), abs_bim = std::fabs(b.im);
    if (abs_bre >= abs_bim) {
        if (abs_bre == 0.0) {
            zero = true;
            return { 0, 0 };
        }
        double ratio = b.im / b.re;
        double denom = b.re + b.im * ratio;
        return { (a.re + a.im * ratio) / denom, (a.im - a.re * ratio) / denom };
    }
    if (abs_bim >= abs_bre) {
        double ratio = b.re / b.im;
        double denom = b.re * ratio + b.im;
        return { (a.re * ratio + a.im) / denom, (a.im * ratio - a.re) / denom };
    }
    return { NAN, NAN }; // a NaN in b
}

// x ** n for n >= 0 by repeated squaring (CPython's c_powu).
inline C powu(C x, long n)
{
    C r { 1.0, 0.0 }, p = x;
    long mask = 1;
    while (mask > 0 && n >= mask) {
        if (n & mask)
            r = prod(r, p);
        mask <<= 1;
        p = prod(p, p);
    }
    return r;
}

enum class PowStatus { Ok, ZeroDivision, Overflow };

// a ** b as CPython's complex_pow: integral exponents up to 100 by repeated
// multiplication, others in polar form. ZeroDivision: "0.0 to a negative or complex
// power"; Overflow: "complex exponentiation" (an infinite result from finite operands).
inline PowStatus power(C a, C b, C& r)
{
    if (b.im == 0.0 && b.re == std::floor(b.re) && std::fabs(b.re) <= 100.0) {
        long n = static_cast<long>(b.re);
        if (n >= 0) {
            r = powu(a, n);
        } else {
            bool zero;
            r = quot({ 1.0, 0.0 }, powu(a, -n), zero);
            if (zero)
                return PowStatus::ZeroDivision;
        }
    } else if (b.re == 0.0 && b.im == 0.0) {
        r = { 1.0, 0.0 };
    } else if (a.re == 0.0 && a.im == 0.0) {
        if (b.im != 0.0 || b.re < 0.0)
            return PowStatus::ZeroDivision;
        r = { 0.0, 0.0 };
    } else {
        double vabs = std::hypot(a.re, a.im);
        double len = std::pow(vabs, b.re);
        double at = std::atan2(a.im, a.re);
        double phase = at * b.re;
        if (b.im != 0.0) {
            len /= std::exp(at * b.im);
            phase += b.im * std::log(vabs);
        }
        r = { len * std::cos(phase), len * std::sin(phase) };
    }
    if ((std::isinf(r.re) || std::isinf(r.im)) && std::isfinite(a.re) && std::isfinite(a.im) && std::isfinite(b.re) &&
        std::isfinite(b.im))
        return PowStatus::Overflow;
    return PowStatus::Ok;
}

} // namespace slpy::complex_math
