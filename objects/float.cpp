// float: repr (shortest round trip, CPython's layout), numeric hash, parsing, arithmetic
// with CPython's error rules, rounding, hex conversion and the methods set up by
// setup_float.
#include "objects/float.h"

#include "objects/bytes.h"
#include "objects/complex.h"
#include "objects/format_spec.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/setup.h"
#include "objects/string.h"
#include "objects/type.h"

#include <cerrno>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

namespace slpy {

// ------------------------------------------------------------------ basics

bool is_float(Value v)
{
    if (v.is_double())
        return true;
    return v.is_object() && v.as_object()->type->has_flag(TF_FLOAT_SUBCLASS);
}

double float_unwrap(Value v)
{
    if (v.is_double())
        return v.as_double();
    return static_cast<BoxedValue*>(v.as_object())->base_value.as_double();
}

std::string float_repr_string(double d)
{
    if (std::isnan(d))
        return "nan";
    if (std::isinf(d))
        return d > 0 ? "inf" : "-inf";
    if (d == 0)
        return std::signbit(d) ? "-0.0" : "0.0";
    // Shortest round-trip digits in scientific form: "-d.ddde+XX".
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string_view sci(buf, static_cast<size_t>(res.ptr - buf));
    bool neg = sci[0] == '-';
    if (neg)
        sci.remove_prefix(1);
    size_t epos = sci.find('e');
    std::string digits;
    for (char c : sci.substr(0, epos))
        if (c != '.')
            digits.push_back(c);
    int exp10 = std::atoi(std::string(sci.substr(epos + 1)).c_str());
    std::string out = neg ? "-" : "";
    if (exp10 < -4 || exp10 >= 16) {
        out += digits[0];
        if (digits.size() > 1) {
            out += '.';
            out.append(digits, 1, std::string::npos);
        }
        char eb[16];
        std::snprintf(eb, sizeof eb, "e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
        out += eb;
    } else if (exp10 < 0) {
        out += "0.";
        out.append(static_cast<size_t>(-exp10 - 1), '0');
        out += digits;
    } else {
        size_t intlen = static_cast<size_t>(exp10) + 1;
        if (digits.size() <= intlen) {
            out += digits;
            out.append(intlen - digits.size(), '0');
            out += ".0";
        } else {
            out.append(digits, 0, intlen);
            out += '.';
            out.append(digits, intlen, std::string::npos);
        }
    }
    return out;
}

Value float_repr(VM& vm, double d) { return str_value(vm, float_repr_string(d)); }

int64_t float_hash(double d)
{
    constexpr uint64_t kMod = (uint64_t(1) << 61) - 1;
    constexpr int kBits = 61;
    if (std::isinf(d))
        return d > 0 ? 314159 : -314159;
    if (std::isnan(d))
        return 0;
    int e;
    double m = std::frexp(d, &e);
    int64_t sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    // Accumulate 28 bits of the mantissa at a time, reducing modulo 2**61 - 1.
    uint64_t x = 0;
    while (m) {
        x = ((x << 28) & kMod) | x >> (kBits - 28);
        m *= 268435456.0;
        e -= 28;
        uint64_t y = static_cast<uint64_t>(m);
        m -= static_cast<double>(y);
        x += y;
        if (x >= kMod)
            x -= kMod;
    }
    e = e >= 0 ? e % kBits : kBits - 1 - ((-1 - e) % kBits);
    x = ((x << e) & kMod) | x >> (kBits - e);
    int64_t h = static_cast<int64_t>(x) * sign;
    return h == -1 ? -2 : h;
}

// Calls __float__ / __index__ of a non-float, non-int object. `found` false: neither.
static bool to_double_slots(VM& vm, Value v, double& out, bool& found)
{
    found = true;
    TypeObject* t = type_of(v);
    Value m = t->slot(Slot::FLOAT);
    if (!m.is_null()) {
        Value r = call_slot(vm, v, Slot::FLOAT, nullptr, 0);
        if (r.is_null())
            return false;
        if (!is_float(r)) {
            raise_fmt(vm, exc::TypeError, "%s.__float__ returned non-float (type %s)", t->name->c_str(), type_name(r));
            return false;
        }
        out = float_unwrap(r);
        return true;
    }
    m = t->slot(Slot::INDEX);
    if (!m.is_null()) {
        Value r = call_slot(vm, v, Slot::INDEX, nullptr, 0);
        if (r.is_null())
            return false;
        if (!is_int(r)) {
            raise_fmt(vm, exc::TypeError, "__index__ returned non-int (type %s)", type_name(r));
            return false;
        }
        return int_to_double(vm, r, out);
    }
    found = false;
    return false;
}

bool to_double(VM& vm, Value v, double& out)
{
    if (v.is_double()) {
        out = v.as_double();
        return true;
    }
    if (v.is_int()) {
        out = static_cast<double>(v.as_int());
        return true;
    }
    if (is_float(v)) {
        out = float_unwrap(v);
        return true;
    }
    if (is_int(v))
        return int_to_double(vm, v, out);
    bool found;
    if (to_double_slots(vm, v, out, found))
        return true;
    if (!found)
        raise_fmt(vm, exc::TypeError, "must be real number, not %s", type_name(v));
    return false;
}

// ------------------------------------------------------------------ parsing

// ASCII whitespace only, as CPython's Py_ISSPACE: non-ASCII str text was already mapped
// to ASCII by numeric_text_to_ascii, and bytes never strip Unicode spaces.
static bool ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

static std::string_view strip_ws(std::string_view s)
{
    while (!s.empty() && ascii_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && ascii_space(s.back()))
        s.remove_suffix(1);
    return s;
}

static bool iequals(std::string_view a, char const* b)
{
    size_t n = std::strlen(b);
    if (a.size() != n)
        return false;
    for (size_t i = 0; i < n; ++i)
        if ((a[i] | 0x20) != b[i])
            return false;
    return true;
}

// Validates the float literal grammar with single underscores between digits and
// returns the text without underscores; false when invalid.
static bool clean_float_literal(std::string_view s, std::string& out)
{
    size_t i = 0, n = s.size();
    auto digits = [&](bool required) -> bool {
        size_t start = out.size();
        while (i < n) {
            char c = s[i];
            if (c >= '0' && c <= '9') {
                out.push_back(c);
                ++i;
            } else if (c == '_' && out.size() > start && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') {
                ++i;
            } else {
                break;
            }
        }
        return !required || out.size() > start;
    };
    if (i < n && (s[i] == '+' || s[i] == '-'))
        out.push_back(s[i++]);
    size_t before = out.size();
    digits(false);
    bool int_digits = out.size() > before;
    bool frac_digits = false;
    if (i < n && s[i] == '.') {
        out.push_back('.');
        ++i;
        size_t b2 = out.size();
        digits(false);
        frac_digits = out.size() > b2;
    }
    if (!int_digits && !frac_digits)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        out.push_back('e');
        ++i;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            out.push_back(s[i++]);
        if (!digits(true))
            return false;
    }
    return i == n;
}

Value float_from_string(VM& vm, std::string_view text, Value orig)
{
    std::string_view s = strip_ws(text);
    std::string_view body = s;
    bool neg = false;
    if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
        neg = body[0] == '-';
        body.remove_prefix(1);
    }
    if (iequals(body, "inf") || iequals(body, "infinity"))
        return Value::from_double(neg ? -HUGE_VAL : HUGE_VAL);
    if (iequals(body, "nan"))
        return Value::from_double(neg ? -NAN : NAN);
    std::string clean;
    if (!clean_float_literal(s, clean) || s.find('\0') != std::string_view::npos) {
        Value r = TRY(repr(vm, orig));
        return raise_fmt(vm, exc::ValueError, "could not convert string to float: %s", as_str(r)->c_str());
    }
    char const* p = clean.c_str();
    if (*p == '+')
        ++p;
    double d = 0;
    auto res = std::from_chars(p, clean.c_str() + clean.size(), d);
    if (res.ec == std::errc::result_out_of_range)
        d = std::strtod(p, nullptr); // inf or a signed zero
    return Value::from_double(d);
}

// ------------------------------------------------------------------ arithmetic

Value float_pow(VM& vm, double iv, double iw)
{
    if (iw == 0)
        return Value::from_double(1.0);
    if (std::isnan(iv))
        return Value::from_double(iv);
    if (std::isnan(iw))
        return Value::from_double(iv == 1.0 ? 1.0 : iw);
    if (std::isinf(iw)) {
        iv = std::fabs(iv);
        if (iv == 1.0)
            return Value::from_double(1.0);
        if ((iw > 0) == (iv > 1.0))
            return Value::from_double(std::fabs(iw));
        return Value::from_double(0.0);
    }
    bool iw_is_odd = std::fmod(std::fabs(iw), 2.0) == 1.0;
    if (std::isinf(iv)) {
        if (iw > 0)
            return Value::from_double(iw_is_odd ? iv : std::fabs(iv));
        return Value::from_double(iw_is_odd ? std::copysign(0.0, iv) : 0.0);
    }
    if (iv == 0.0) {
        if (iw < 0)
            return raise(vm, exc::ZeroDivisionError, "0.0 cannot be raised to a negative power");
        return Value::from_double(iw_is_odd ? iv : 0.0);
    }
    bool negate = false;
    if (iv < 0.0) {
        if (iw != std::floor(iw))
            return complex_pow(vm, iv, 0.0, iw, 0.0);
        iv = -iv;
        negate = iw_is_odd;
    }
    if (iv == 1.0)
        return Value::from_double(negate ? -1.0 : 1.0);
    errno = 0;
    double ix = std::pow(iv, iw);
    if (negate)
        ix = -ix;
    if (std::isinf(ix)) {
        Tuple* args = tuple_pack(vm, { Value::small_int(34), str_value(vm, "Numerical result out of range") });
        if (!args)
            return Value::null();
        return raise_with_args(vm, exc::OverflowError, args);
    }
    return Value::from_double(ix);
}

// Converts a float-method operand: false when it is neither float nor int (NotImplemented).
// `err` is set when the int is too large.
static bool operand_double(VM& vm, Value v, double& out, bool& err)
{
    err = false;
    if (v.is_double()) {
        out = v.as_double();
        return true;
    }
    if (v.is_int()) {
        out = static_cast<double>(v.as_int());
        return true;
    }
    if (is_float(v)) {
        out = float_unwrap(v);
        return true;
    }
    if (is_int(v)) {
        if (!int_to_double(vm, v, out))
            err = true;
        return true;
    }
    return false;
}

static void float_divmod_raw(double vx, double wx, double& floordiv, double& mod)
{
    mod = std::fmod(vx, wx);
    double div = (vx - mod) / wx;
    if (mod) {
        if ((wx < 0) != (mod < 0)) {
            mod += wx;
            div -= 1.0;
        }
    } else {
        mod = std::copysign(0.0, wx);
    }
    if (div) {
        floordiv = std::floor(div);
        if (div - floordiv > 0.5)
            floordiv += 1.0;
    } else {
        floordiv = std::copysign(0.0, vx / wx);
    }
}

enum class FOp { ADD, SUB, MUL, TRUEDIV, FLOORDIV, MOD, DIVMOD, POW };

static Value float_binop(VM& vm, double a, double b, FOp op)
{
    switch (op) {
    case FOp::ADD: return Value::from_double(a + b);
    case FOp::SUB: return Value::from_double(a - b);
    case FOp::MUL: return Value::from_double(a * b);
    case FOp::TRUEDIV:
        if (b == 0)
            return raise(vm, exc::ZeroDivisionError, "float division by zero");
        return Value::from_double(a / b);
    case FOp::FLOORDIV: {
        if (b == 0)
            return raise(vm, exc::ZeroDivisionError, "float floor division by zero");
        double q, r;
        float_divmod_raw(a, b, q, r);
        return Value::from_double(q);
    }
    case FOp::MOD: {
        if (b == 0)
            return raise(vm, exc::ZeroDivisionError, "float modulo");
        double mod = std::fmod(a, b);
        if (mod) {
            if ((b < 0) != (mod < 0))
                mod += b;
        } else {
            mod = std::copysign(0.0, b);
        }
        return Value::from_double(mod);
    }
    case FOp::DIVMOD: {
        if (b == 0)
            return raise(vm, exc::ZeroDivisionError, "float divmod()");
        double q, r;
        float_divmod_raw(a, b, q, r);
        return Value::from_object(tuple_pack(vm, { Value::from_double(q), Value::from_double(r) }));
    }
    case FOp::POW: return float_pow(vm, a, b);
    }
    return Value::null();
}

static bool check_float_self(VM& vm, Value self, char const* name)
{
    if (is_float(self))
        return true;
    raise_fmt(vm, exc::TypeError, "descriptor '%s' requires a 'float' object but received a '%s'", name, type_name(self));
    return false;
}

static Value float_binary_method(VM& vm, Value const* args, size_t nargs, Tuple* kw, FOp op, bool reflected,
                                 char const* name)
{
    if (!wrapper_args(vm, name, nargs, kw, 2) || !check_float_self(vm, args[0], name))
        return Value::null();
    double self = float_unwrap(args[0]), other;
    bool err;
    if (!operand_double(vm, args[1], other, err))
        return py_not_implemented();
    if (err)
        return Value::null();
    return reflected ? float_binop(vm, other, self, op) : float_binop(vm, self, other, op);
}

#define SLPY_FLOAT_BINARY(cname, pyname, rpyname, op)                                                            \
    static Value cname(VM& vm, Value const* a, size_t n, Tuple* kw) { return float_binary_method(vm, a, n, kw, op, false, pyname); } \
    static Value cname##_r(VM& vm, Value const* a, size_t n, Tuple* kw) { return float_binary_method(vm, a, n, kw, op, true, rpyname); }

SLPY_FLOAT_BINARY(float_m_add, "__add__", "__radd__", FOp::ADD)
SLPY_FLOAT_BINARY(float_m_sub, "__sub__", "__rsub__", FOp::SUB)
SLPY_FLOAT_BINARY(float_m_mul, "__mul__", "__rmul__", FOp::MUL)
SLPY_FLOAT_BINARY(float_m_truediv, "__truediv__", "__rtruediv__", FOp::TRUEDIV)
SLPY_FLOAT_BINARY(float_m_floordiv, "__floordiv__", "__rfloordiv__", FOp::FLOORDIV)
SLPY_FLOAT_BINARY(float_m_mod, "__mod__", "__rmod__", FOp::MOD)
SLPY_FLOAT_BINARY(float_m_divmod, "__divmod__", "__rdivmod__", FOp::DIVMOD)

static Value float_pow_method(VM& vm, Value const* args, size_t nargs, Tuple* kw, bool reflected)
{
    char const* name = reflected ? "__rpow__" : "__pow__";
    if (!ternary_wrapper_args(vm, name, nargs, kw) || !check_float_self(vm, args[0], name))
        return Value::null();
    if (nargs == 3 && !is_none(args[2]))
        return raise(vm, exc::TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    return float_binary_method(vm, args, 2, nullptr, FOp::POW, reflected, name);
}
static Value float_m_pow(VM& vm, Value const* a, size_t n, Tuple* kw) { return float_pow_method(vm, a, n, kw, false); }
static Value float_m_rpow(VM& vm, Value const* a, size_t n, Tuple* kw) { return float_pow_method(vm, a, n, kw, true); }

// Rich comparison with floats and (exactly) with ints.
static Value float_compare(VM& vm, Value const* args, size_t nargs, Tuple* kw, CmpArg op)
{
    static char const* const kNames[] = { "__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__" };
    char const* name = kNames[static_cast<int>(op)];
    if (!wrapper_args(vm, name, nargs, kw, 2) || !check_float_self(vm, args[0], name))
        return Value::null();
    double a = float_unwrap(args[0]);
    int c; // -1, 0, 1, or 2 for unordered
    if (is_float(args[1])) {
        double b = float_unwrap(args[1]);
        c = (a != a || b != b) ? 2 : (a > b) - (a < b);
    } else if (is_int(args[1])) {
        int r = int_compare_double(args[1], a);
        c = r == 2 ? 2 : -r;
    } else {
        return py_not_implemented();
    }
    if (c == 2)
        return py_bool(op == CmpArg::NE);
    switch (op) {
    case CmpArg::LT: return py_bool(c < 0);
    case CmpArg::LE: return py_bool(c <= 0);
    case CmpArg::EQ: return py_bool(c == 0);
    case CmpArg::NE: return py_bool(c != 0);
    case CmpArg::GT: return py_bool(c > 0);
    case CmpArg::GE: return py_bool(c >= 0);
    }
    return Value::null();
}
static Value float_m_lt(VM& vm, Value const* a, size_t n, Tuple* kw) { return float_compare(vm, a, n, kw, CmpArg::LT); }
static Value float_m_le(VM& vm, Value const* a, size_t n, Tuple* kw) { return float_compare(vm, a, n, kw, CmpArg::LE); }
static Value float_m_eq(VM& vm, Value const* a, size_t n, Tuple* kw) { return float_compare(vm, a, n, kw, CmpArg::EQ); }
static Value float_m_ne(VM& vm, Value const* a, size_t n, Tuple* kw) { return float_compare(vm, a, n, kw, CmpArg::NE); }
static Value float_m_gt(VM& vm, Value const* a, size_t n, Tuple* kw) { return float_compare(vm, a, n, kw, CmpArg::GT); }
static Value float_m_ge(VM& vm, Value const* a, size_t n, Tuple* kw) { return float_compare(vm, a, n, kw, CmpArg::GE); }

// ------------------------------------------------------------------ rounding

bool float_round_ndigits(VM& vm, double x, int64_t ndigits, double& out)
{
    if (!std::isfinite(x) || x == 0 || ndigits > 323) {
        out = x;
        return true;
    }
    if (ndigits < -308) {
        out = 0.0 * x;
        return true;
    }
    if (ndigits >= 0) {
        // glibc's printf rounds the exact binary value correctly (half to even on ties).
        std::string buf(static_cast<size_t>(ndigits) + 400, '\0');
        int len = std::snprintf(buf.data(), buf.size(), "%.*f", static_cast<int>(ndigits), x);
        buf.resize(static_cast<size_t>(len));
        out = std::strtod(buf.c_str(), nullptr);
    } else {
        // Round the exact value to a multiple of 10**-ndigits, half to even.
        mpq_t q;
        mpq_init(q);
        mpq_set_d(q, std::fabs(x));
        Mpz p, quo, rem, twice;
        mpz_ui_pow_ui(p, 10, static_cast<unsigned long>(-ndigits));
        // floor(num / (den * p)) and the remainder, compared with half of den * p.
        Mpz den;
        mpz_mul(den, mpq_denref(q), p);
        mpz_fdiv_qr(quo, rem, mpq_numref(q), den);
        mpz_mul_2exp(twice, rem, 1);
        int c = mpz_cmp(twice, den);
        if (c > 0 || (c == 0 && mpz_odd_p(quo.z)))
            mpz_add_ui(quo, quo, 1);
        mpq_clear(q);
        mpz_mul(quo, quo, p);
        double d;
        if (!mpz_scaled_to_double(quo, 0, false, d)) {
            raise(vm, exc::OverflowError, "rounded value too large to represent");
            return false;
        }
        out = std::copysign(d, x);
    }
    if (std::isinf(out)) {
        raise(vm, exc::OverflowError, "rounded value too large to represent");
        return false;
    }
    if (out == 0)
        out = std::copysign(0.0, x);
    return true;
}

// __round__(ndigits=None)
static Value float_m_round(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!round_args(vm, "float.__round__", nargs, kwnames) || !check_float_self(vm, args[0], "__round__"))
        return Value::null();
    Value ndigits = nargs > 1 ? args[1] : Value::null();
    double x = float_unwrap(args[0]);
    if (ndigits.is_null() || is_none(ndigits)) {
        double r = std::round(x);
        if (std::fabs(x - r) == 0.5)
            r = 2.0 * std::round(x / 2.0);
        return int_from_double(vm, r);
    }
    Value nd = TRY(index(vm, ndigits));
    int64_t n;
    if (!int_to_i64(nd, n))
        n = int_sign(nd) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
    double r;
    if (!float_round_ndigits(vm, x, n, r))
        return Value::null();
    return Value::from_double(r);
}

// ------------------------------------------------------------------ hex

static std::string float_hex_string(double x)
{
    if (std::isnan(x) || std::isinf(x))
        return float_repr_string(x);
    if (x == 0)
        return std::signbit(x) ? "-0x0.0p+0" : "0x0.0p+0";
    int e;
    double m = std::frexp(std::fabs(x), &e);
    int shift = 1 - std::max(DBL_MIN_EXP - e, 0);
    m = std::ldexp(m, shift);
    e -= shift;
    std::string out = x < 0 ? "-0x" : "0x";
    int lead = static_cast<int>(m);
    out += static_cast<char>('0' + lead);
    m -= lead;
    out += '.';
    static char const kHex[] = "0123456789abcdef";
    for (int i = 0; i < (DBL_MANT_DIG - 2) / 4 + 1; ++i) {
        m *= 16.0;
        int d = static_cast<int>(m);
        out += kHex[d];
        m -= d;
    }
    char eb[16];
    std::snprintf(eb, sizeof eb, "p%+d", e);
    return out + eb;
}

static Value float_m_hex(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!method_args(vm, "float.hex", nargs, kw, 1) || !check_float_self(vm, args[0], "hex"))
        return Value::null();
    return str_value(vm, float_hex_string(float_unwrap(args[0])));
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = static_cast<char>(c | 0x20);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

// float.fromhex(string) (classmethod)
static Value float_m_fromhex(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!method_args(vm, "float.fromhex", nargs, kwnames, 2))
        return Value::null();
    String* str = as_str(args[1]);
    if (!str) // CPython's wording (PyUnicode_AsUTF8AndSize on a non-str)
        return raise(vm, exc::TypeError, "bad argument type for built-in operation");
    std::string_view s = strip_ws(str->view());
    auto invalid = [&]() { return raise(vm, exc::ValueError, "invalid hexadecimal floating-point string"); };
    bool neg = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        neg = s[0] == '-';
        s.remove_prefix(1);
    }
    double result;
    if (iequals(s, "inf") || iequals(s, "infinity")) {
        result = HUGE_VAL;
    } else if (iequals(s, "nan")) {
        result = NAN;
    } else {
        if (s.size() >= 2 && s[0] == '0' && (s[1] | 0x20) == 'x')
            s.remove_prefix(2);
        std::string digits;
        long frac_digits = 0;
        size_t i = 0;
        while (i < s.size() && hex_digit(s[i]) >= 0)
            digits += s[i++];
        if (i < s.size() && s[i] == '.') {
            ++i;
            while (i < s.size() && hex_digit(s[i]) >= 0) {
                digits += s[i++];
                ++frac_digits;
            }
        }
        if (digits.empty())
            return invalid();
        long exp = 0;
        if (i < s.size() && (s[i] | 0x20) == 'p') {
            ++i;
            bool eneg = false;
            if (i < s.size() && (s[i] == '+' || s[i] == '-'))
                eneg = s[i++] == '-';
            size_t start = i;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
                if (exp < 100000000)
                    exp = exp * 10 + (s[i] - '0');
                ++i;
            }
            if (i == start)
                return invalid();
            if (eneg)
                exp = -exp;
        }
        if (i != s.size())
            return invalid();
        Mpz m;
        mpz_set_str(m, digits.c_str(), 16);
        long e2 = exp - 4 * frac_digits;
        if (mpz_sgn(m.z) == 0) {
            result = 0.0;
        } else {
            long top = static_cast<long>(mpz_sizeinbase(m, 2)) + e2;
            if (top > DBL_MAX_EXP + 1)
                return raise(vm, exc::OverflowError, "hexadecimal value too large to represent as a float");
            if (top < DBL_MIN_EXP - DBL_MANT_DIG - 2) {
                result = 0.0;
            } else if (!mpz_scaled_to_double(m, e2, false, result)) {
                return raise(vm, exc::OverflowError, "hexadecimal value too large to represent as a float");
            }
        }
    }
    Value v = Value::from_double(neg ? -result : result);
    Value cls = args[0];
    if (cls.is_object() && cls.as_object() != types.float_)
        return call1(vm, cls, v);
    return v;
}

// ------------------------------------------------------------------ other methods

// A slot wrapper (__neg__, ...) taking no argument besides self.
#define SLPY_FLOAT_UNARY(pyname, cname, body)                                                  \
    static Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kw)                    \
    {                                                                                          \
        if (!wrapper_args(vm, pyname, nargs, kw, 1) || !check_float_self(vm, args[0], pyname)) \
            return Value::null();                                                              \
        double x = float_unwrap(args[0]);                                                      \
        body                                                                                   \
    }
// A plain method without arguments: "float.hex() takes no arguments (1 given)".
#define SLPY_FLOAT_NOARGS(pyname, cname, body)                                                 \
    static Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kw)                    \
    {                                                                                          \
        if (!method_args(vm, "float." pyname, nargs, kw, 1) || !check_float_self(vm, args[0], pyname)) \
            return Value::null();                                                              \
        double x = float_unwrap(args[0]);                                                      \
        body                                                                                   \
    }

SLPY_FLOAT_UNARY("__repr__", float_m_repr, return float_repr(vm, x);)
SLPY_FLOAT_UNARY("__hash__", float_m_hash, return int_from_i64(vm, float_hash(x));)
SLPY_FLOAT_UNARY("__bool__", float_m_bool, return py_bool(x != 0);)
SLPY_FLOAT_UNARY("__neg__", float_m_neg, return Value::from_double(-x);)
SLPY_FLOAT_UNARY("__pos__", float_m_pos, return Value::from_double(x);)
SLPY_FLOAT_UNARY("__abs__", float_m_abs, return Value::from_double(std::fabs(x));)
SLPY_FLOAT_UNARY("__float__", float_m_float, return Value::from_double(x);)
SLPY_FLOAT_NOARGS("conjugate", float_m_conjugate, return Value::from_double(x);)
SLPY_FLOAT_UNARY("__int__", float_m_int, return int_from_double(vm, x);)
SLPY_FLOAT_NOARGS("__trunc__", float_m_trunc, return int_from_double(vm, x);)
SLPY_FLOAT_NOARGS("__floor__", float_m_floor, return int_from_double(vm, std::floor(x));)
SLPY_FLOAT_NOARGS("__ceil__", float_m_ceil, return int_from_double(vm, std::ceil(x));)
SLPY_FLOAT_NOARGS("is_integer", float_m_is_integer, return py_bool(std::isfinite(x) && std::floor(x) == x);)
SLPY_FLOAT_NOARGS("__getnewargs__", float_m_getnewargs, return Value::from_object(tuple_pack(vm, { Value::from_double(x) }));)
SLPY_FLOAT_NOARGS("as_integer_ratio", float_m_as_integer_ratio,
    if (std::isinf(x)) return raise(vm, exc::OverflowError, "cannot convert Infinity to integer ratio");
    if (std::isnan(x)) return raise(vm, exc::ValueError, "cannot convert NaN to integer ratio");
    mpq_t q; mpq_init(q); mpq_set_d(q, x);
    Value num = int_from_mpz(vm, mpq_numref(q));
    Value den = int_from_mpz(vm, mpq_denref(q));
    mpq_clear(q);
    return Value::from_object(tuple_pack(vm, { num, den }));)

static Value float_get_real(VM& vm, Value const* args, size_t, Tuple*) { return Value::from_double(float_unwrap(args[0])); }
static Value float_get_imag(VM& vm, Value const*, size_t, Tuple*) { return Value::from_double(0.0); }

static Value float_m_format(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!method_args(vm, "float.__format__", nargs, kw, 2) || !check_float_self(vm, args[0], "__format__"))
        return Value::null();
    String* spec = as_str(args[1]);
    if (!spec)
        return raise_fmt(vm, exc::TypeError, "__format__() argument must be str, not %s", type_name(args[1]));
    if (spec->byte_length == 0)
        return to_str(vm, args[0]);
    return format_float(vm, float_unwrap(args[0]), spec->view(), type_name(args[0]));
}

static Value float_m_getformat(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!method_args(vm, "float.__getformat__", nargs, kw, 2))
        return Value::null();
    String* s = as_str(args[1]);
    if (!s)
        return raise_fmt(vm, exc::TypeError, "__getformat__() argument must be str, not %s", type_name(args[1]));
    if (s->view() != "double" && s->view() != "float")
        return raise(vm, exc::ValueError, "__getformat__() argument 1 must be 'double' or 'float'");
    return str_value(vm, "IEEE, little-endian");
}

// float.__new__(cls, x=0.0, /)
static Value float_m_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    TypeObject* cls = numeric_new_cls(vm, types.float_, args, nargs);
    if (!cls)
        return Value::null();
    if (!check_no_kwargs(vm, "float", kwnames))
        return Value::null();
    if (nargs > 2)
        return raise_fmt(vm, exc::TypeError, "float expected at most 1 argument, got %zu", nargs - 1);
    Value result;
    if (nargs < 2) {
        result = Value::from_double(0.0);
    } else {
        Value x = args[1];
        if (String* s = as_str(x)) {
            if (s->is_ascii())
                result = TRY(float_from_string(vm, s->view(), x));
            else
                result = TRY(float_from_string(vm, numeric_text_to_ascii(s->view()), x));
        } else if (Bytes* b = as_bytes(x)) {
            result = TRY(float_from_string(vm, b->view(), x));
        } else if (ByteArray* ba = as_bytearray(x)) {
            std::string data(reinterpret_cast<char const*>(ba->data()), ba->size);
            result = TRY(float_from_string(vm, data, x));
        } else if (type_of(x) == types.memoryview) {
            Value copy = TRY(call1(vm, Value::from_object(types.bytes), x));
            result = TRY(float_from_string(vm, as_bytes(copy)->view(), x));
        } else if (is_float(x)) {
            result = Value::from_double(float_unwrap(x));
        } else if (is_int(x)) {
            double d;
            if (!int_to_double(vm, x, d))
                return Value::null();
            result = Value::from_double(d);
        } else {
            bool found;
            double d;
            if (!to_double_slots(vm, x, d, found)) {
                if (!found)
                    raise_fmt(vm, exc::TypeError, "float() argument must be a string or a real number, not '%s'", type_name(x));
                return Value::null();
            }
            result = Value::from_double(d);
        }
    }
    if (cls != types.float_)
        return box_value(vm, cls, result);
    return result;
}

void setup_float(VM& vm)
{
    TypeObject* t = types.float_;
    add_methods(vm, t, {
        { "__new__", float_m_new, METH_STATIC },
        { "__repr__", float_m_repr }, { "__hash__", float_m_hash }, { "__bool__", float_m_bool },
        { "__add__", float_m_add }, { "__radd__", float_m_add_r },
        { "__sub__", float_m_sub }, { "__rsub__", float_m_sub_r },
        { "__mul__", float_m_mul }, { "__rmul__", float_m_mul_r },
        { "__truediv__", float_m_truediv }, { "__rtruediv__", float_m_truediv_r },
        { "__floordiv__", float_m_floordiv }, { "__rfloordiv__", float_m_floordiv_r },
        { "__mod__", float_m_mod }, { "__rmod__", float_m_mod_r },
        { "__divmod__", float_m_divmod }, { "__rdivmod__", float_m_divmod_r },
        { "__pow__", float_m_pow }, { "__rpow__", float_m_rpow },
        { "__neg__", float_m_neg }, { "__pos__", float_m_pos }, { "__abs__", float_m_abs },
        { "__lt__", float_m_lt }, { "__le__", float_m_le }, { "__eq__", float_m_eq },
        { "__ne__", float_m_ne }, { "__gt__", float_m_gt }, { "__ge__", float_m_ge },
        { "__int__", float_m_int }, { "__trunc__", float_m_trunc }, { "__float__", float_m_float },
        { "__floor__", float_m_floor }, { "__ceil__", float_m_ceil }, { "__round__", float_m_round },
        { "__format__", float_m_format }, { "__getnewargs__", float_m_getnewargs },
        { "__getformat__", float_m_getformat, METH_CLASS },
        { "is_integer", float_m_is_integer }, { "as_integer_ratio", float_m_as_integer_ratio },
        { "hex", float_m_hex }, { "fromhex", float_m_fromhex, METH_CLASS },
        { "conjugate", float_m_conjugate },
    });
    add_getsets(vm, t, { { "real", float_get_real }, { "imag", float_get_imag } });
}

} // namespace slpy
