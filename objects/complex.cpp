// complex: arithmetic with CPython's algorithms (Smith-style division, polar pow with an
// integer-exponent fast path), repr, format(), hash, parsing and the constructor.
#include "objects/complex.h"

#include "objects/bytes.h"
#include "objects/complex_math.h"
#include "objects/float.h"
#include "objects/format_spec.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/setup.h"
#include "objects/string.h"
#include "objects/type.h"

#include <cmath>
#include <cstring>
#include <string>

namespace slpy {

using complex_math::C;
using complex_math::prod;
using complex_math::quot;

Value complex_new(VM& vm, double real, double imag)
{
    auto* c = vm.heap.make<Complex>(types.complex);
    if (!c)
        return Value::null();
    c->real = real;
    c->imag = imag;
    return Value::from_object(c);
}

bool is_complex(Value v)
{
    if (!v.is_object())
        return false;
    TypeObject* t = v.as_object()->type;
    return t == types.complex || is_subtype(t, types.complex);
}

Complex* complex_unwrap(Value v)
{
    if (v.as_object()->type == types.complex)
        return v.as<Complex>();
    return static_cast<BoxedValue*>(v.as_object())->base_value.as<Complex>();
}

Value complex_pow(VM& vm, double ar, double ai, double br, double bi)
{
    C r;
    switch (complex_math::power({ ar, ai }, { br, bi }, r)) {
    case complex_math::PowStatus::ZeroDivision: return raise(vm, exc::ZeroDivisionError, "0.0 to a negative or complex power");
    case complex_math::PowStatus::Overflow: return raise(vm, exc::OverflowError, "complex exponentiation");
    case complex_math::PowStatus::Ok: break;
    }
    return complex_new(vm, r.re, r.im);
}

// repr of one component: 'r' format without a forced ".0".
static std::string component_repr(double d, bool force_sign)
{
    std::string s = float_repr_string(d);
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0)
        s.resize(s.size() - 2);
    if (force_sign && s[0] != '-')
        s.insert(s.begin(), '+');
    return s;
}

std::string complex_repr_string(double real, double imag)
{
    if (real == 0 && !std::signbit(real))
        return component_repr(imag, false) + "j";
    return "(" + component_repr(real, false) + component_repr(imag, true) + "j)";
}

// ------------------------------------------------------------------ methods

// Converts an operand of a complex operation: false for unsupported types
// (NotImplemented); `err` when an int is too large for a float.
static bool operand_complex(VM& vm, Value v, C& out, bool& err)
{
    err = false;
    if (is_complex(v)) {
        Complex* c = complex_unwrap(v);
        out = { c->real, c->imag };
        return true;
    }
    if (is_float(v)) {
        out = { float_unwrap(v), 0.0 };
        return true;
    }
    if (is_int(v)) {
        double d;
        if (!int_to_double(vm, v, d))
            err = true;
        out = { d, 0.0 };
        return true;
    }
    return false;
}

static bool check_self(VM& vm, Value self, char const* name)
{
    if (is_complex(self))
        return true;
    raise_fmt(vm, exc::TypeError, "descriptor '%s' requires a 'complex' object but received a '%s'", name, type_name(self));
    return false;
}

enum class COp { ADD, SUB, MUL, DIV, POW };

static Value complex_binary(VM& vm, Value const* args, size_t nargs, COp op, bool reflected)
{
    if (nargs != 2 && !(op == COp::POW && nargs == 3))
        return raise_fmt(vm, exc::TypeError, "expected 1 argument, got %zu", nargs - 1);
    if (!check_self(vm, args[0], "__add__"))
        return Value::null();
    if (op == COp::POW && nargs == 3 && !is_none(args[2]))
        return raise(vm, exc::ValueError, "complex modulo");
    C a, b;
    bool err;
    Complex* self = complex_unwrap(args[0]);
    a = { self->real, self->imag };
    if (!operand_complex(vm, args[1], b, err))
        return py_not_implemented();
    if (err)
        return Value::null();
    if (reflected)
        std::swap(a, b);
    switch (op) {
    case COp::ADD: return complex_new(vm, a.re + b.re, a.im + b.im);
    case COp::SUB: return complex_new(vm, a.re - b.re, a.im - b.im);
    case COp::MUL: {
        C r = prod(a, b);
        return complex_new(vm, r.re, r.im);
    }
    case COp::DIV: {
        bool zero;
        C r = quot(a, b, zero);
        if (zero)
            return raise(vm, exc::ZeroDivisionError, "complex division by zero");
        return complex_new(vm, r.re, r.im);
    }
    case COp::POW: return complex_pow(vm, a.re, a.im, b.re, b.im);
    }
    return Value::null();
}

#define SLPY_COMPLEX_BINARY(cname, op)                                                                     \
    static Value cname(VM& vm, Value const* a, size_t n, Tuple*) { return complex_binary(vm, a, n, op, false); } \
    static Value cname##_r(VM& vm, Value const* a, size_t n, Tuple*) { return complex_binary(vm, a, n, op, true); }

SLPY_COMPLEX_BINARY(complex_m_add, COp::ADD)
SLPY_COMPLEX_BINARY(complex_m_sub, COp::SUB)
SLPY_COMPLEX_BINARY(complex_m_mul, COp::MUL)
SLPY_COMPLEX_BINARY(complex_m_div, COp::DIV)
SLPY_COMPLEX_BINARY(complex_m_pow, COp::POW)

#define SLPY_COMPLEX_UNARY(pyname, cname, body)                                  \
    static Value cname(VM& vm, Value const* args, size_t nargs, Tuple*)         \
    {                                                                            \
        if (nargs != 1)                                                          \
            return raise_fmt(vm, exc::TypeError, "expected 0 arguments, got %zu", nargs - 1); \
        if (!check_self(vm, args[0], pyname))                                    \
            return Value::null();                                                \
        Complex* c = complex_unwrap(args[0]);                                    \
        double re = c->real, im = c->imag;                                       \
        body                                                                     \
    }

SLPY_COMPLEX_UNARY("__repr__", complex_m_repr, return str_value(vm, complex_repr_string(re, im));)
SLPY_COMPLEX_UNARY("__neg__", complex_m_neg, return complex_new(vm, -re, -im);)
SLPY_COMPLEX_UNARY("__pos__", complex_m_pos, return complex_new(vm, re, im);)
SLPY_COMPLEX_UNARY("__complex__", complex_m_complex, return complex_new(vm, re, im);)
SLPY_COMPLEX_UNARY("conjugate", complex_m_conjugate, return complex_new(vm, re, -im);)
SLPY_COMPLEX_UNARY("__bool__", complex_m_bool, return py_bool(re != 0 || im != 0);)
SLPY_COMPLEX_UNARY("__getnewargs__", complex_m_getnewargs,
                   return Value::from_object(tuple_pack(vm, { Value::from_double(re), Value::from_double(im) }));)
SLPY_COMPLEX_UNARY("__abs__", complex_m_abs,
    if (std::isinf(re) || std::isinf(im)) return Value::from_double(HUGE_VAL);
    if (std::isnan(re) || std::isnan(im)) return Value::from_double(NAN);
    double r = std::hypot(re, im);
    if (std::isinf(r)) return raise(vm, exc::OverflowError, "absolute value too large");
    return Value::from_double(r);)
SLPY_COMPLEX_UNARY("__hash__", complex_m_hash,
    uint64_t hr = static_cast<uint64_t>(float_hash(re));
    uint64_t hi = static_cast<uint64_t>(float_hash(im));
    int64_t h = static_cast<int64_t>(hr + 1000003ull * hi);
    return int_from_i64(vm, h == -1 ? -2 : h);)

static Value complex_get_real(VM& vm, Value const* args, size_t, Tuple*) { return Value::from_double(complex_unwrap(args[0])->real); }
static Value complex_get_imag(VM& vm, Value const* args, size_t, Tuple*) { return Value::from_double(complex_unwrap(args[0])->imag); }

static Value complex_compare(VM& vm, Value const* args, size_t nargs, bool ne)
{
    if (nargs != 2)
        return raise_fmt(vm, exc::TypeError, "expected 1 argument, got %zu", nargs - 1);
    if (!check_self(vm, args[0], "__eq__"))
        return Value::null();
    Complex* c = complex_unwrap(args[0]);
    Value o = args[1];
    bool eq;
    if (is_int(o)) {
        eq = c->imag == 0 && int_compare_double(o, c->real) == 0;
    } else if (is_float(o)) {
        eq = c->imag == 0 && c->real == float_unwrap(o);
    } else if (is_complex(o)) {
        Complex* d = complex_unwrap(o);
        eq = c->real == d->real && c->imag == d->imag;
    } else {
        return py_not_implemented();
    }
    return py_bool(eq != ne);
}
static Value complex_m_eq(VM& vm, Value const* a, size_t n, Tuple*) { return complex_compare(vm, a, n, false); }
static Value complex_m_ne(VM& vm, Value const* a, size_t n, Tuple*) { return complex_compare(vm, a, n, true); }
static Value complex_m_order(VM& vm, Value const* a, size_t n, Tuple*) { return py_not_implemented(); }

static Value format_complex(VM& vm, double re, double im, std::string_view text, char const* tname);

static Value complex_m_format(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (nargs != 2)
        return raise_fmt(vm, exc::TypeError, "expected 1 argument, got %zu", nargs - 1);
    String* spec = as_str(args[1]);
    if (!spec)
        return raise_fmt(vm, exc::TypeError, "__format__() argument must be str, not %s", type_name(args[1]));
    if (spec->byte_length == 0)
        return to_str(vm, args[0]);
    Complex* c = complex_unwrap(args[0]);
    return format_complex(vm, c->real, c->imag, spec->view(), type_name(args[0]));
}

// CPython's format_complex_internal: each part is formatted as a float (the imaginary
// one always signed unless the real part is dropped), then the whole is padded. No
// presentation type means repr-like parts without '.0', "(re+imj)" in parentheses, and a
// real part of +0.0 left out.
static Value format_complex(VM& vm, double re, double im, std::string_view text, char const* tname)
{
    FormatSpec spec;
    if (!parse_format_spec(vm, text, spec, 0, tname))
        return Value::null();
    switch (spec.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n':
        break;
    default:
        return raise_unknown_format_code(vm, spec, tname);
    }
    if (spec.fill == '0')
        return raise(vm, exc::ValueError, "Zero padding is not allowed in complex format specifier");
    if (spec.align == '=')
        return raise(vm, exc::ValueError, "'=' alignment flag is not allowed in complex format specifier");
    bool skip_re = false, parens = false;
    bool repr_mode = spec.type == 0 && spec.precision < 0;
    char type = spec.type == 'n' ? 'g' : spec.type;
    if (spec.type == 0) {
        type = repr_mode ? 0 : 'g';
        if (re == 0.0 && !std::signbit(re))
            skip_re = true;
        else
            parens = true;
    }
    // One part through float.__format__ with everything but the padding.
    auto part = [&](double x, char sign, std::string& out) -> bool {
        std::string ps;
        if (sign)
            ps += sign;
        if (spec.no_neg_zero)
            ps += 'z';
        if (spec.alternate)
            ps += '#';
        if (spec.grouping)
            ps += spec.grouping;
        if (spec.precision >= 0)
            ps += "." + std::to_string(spec.precision);
        if (type)
            ps += type;
        Value r = format_float(vm, x, ps, tname);
        if (r.is_null())
            return false;
        out = as_str(r)->view();
        // Repr mode has no '.0' for integral values ('#' keeps the point: "1.").
        if (repr_mode && out.size() >= 2 && out.compare(out.size() - 2, 2, ".0") == 0 &&
            out.find_first_of("eE") == std::string::npos)
            out.resize(out.size() - (spec.alternate ? 1 : 2));
        return true;
    };
    std::string re_s, im_s;
    if (!skip_re && !part(re, spec.sign, re_s))
        return Value::null();
    if (!part(im, skip_re ? spec.sign : '+', im_s))
        return Value::null();
    std::string body = parens ? "(" : "";
    body += re_s;
    body += im_s;
    body += 'j';
    if (parens)
        body += ')';
    return str_value(vm, format_pad(body, body.size(), spec, '>'));
}

// ------------------------------------------------------------------ parsing

static bool ascii_ws(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Length of the float literal (with optional sign; inf/nan words) at s[pos], 0 if none.
static size_t scan_float(std::string_view s, size_t pos)
{
    size_t i = pos;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
        ++i;
    auto word = [&](char const* w) {
        size_t n = std::strlen(w);
        if (s.size() - i < n)
            return false;
        for (size_t k = 0; k < n; ++k)
            if ((s[i + k] | 0x20) != w[k])
                return false;
        return true;
    };
    if (word("infinity"))
        return i + 8 - pos;
    if (word("inf") || word("nan"))
        return i + 3 - pos;
    size_t start = i;
    auto digits = [&]() {
        size_t b = i;
        while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || (s[i] == '_' && i > b && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9')))
            ++i;
        return i > b;
    };
    bool d1 = digits();
    bool d2 = false;
    if (i < s.size() && s[i] == '.') {
        ++i;
        d2 = digits();
    }
    if (!d1 && !d2)
        return 0;
    if (i < s.size() && (s[i] | 0x20) == 'e') {
        size_t save = i;
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-'))
            ++i;
        if (!digits())
            i = save;
    }
    (void)start;
    return i - pos;
}

// complex(str): false (ValueError pending) when malformed.
static bool parse_complex(VM& vm, std::string_view s, double& re, double& im)
{
    auto malformed = [&]() {
        raise(vm, exc::ValueError, "complex() arg is a malformed string");
        return false;
    };
    auto parse = [&](std::string_view t, double& out) {
        Value v = float_from_string(vm, t, str_value(vm, t));
        if (v.is_null()) {
            vm.clear_error();
            return false;
        }
        out = v.as_double();
        return true;
    };
    while (!s.empty() && ascii_ws(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && ascii_ws(s.back()))
        s.remove_suffix(1);
    if (!s.empty() && s.front() == '(') {
        if (s.back() != ')')
            return malformed();
        s = s.substr(1, s.size() - 2);
        while (!s.empty() && ascii_ws(s.front()))
            s.remove_prefix(1);
        while (!s.empty() && ascii_ws(s.back()))
            s.remove_suffix(1);
    }
    if (s.empty())
        return malformed();
    re = 0.0;
    im = 0.0;
    size_t n = scan_float(s, 0);
    size_t pos = n;
    if (n > 0) {
        double x;
        if (!parse(s.substr(0, n), x))
            return malformed();
        if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
            // real part, then an imaginary part
            re = x;
            size_t m = scan_float(s, pos);
            if (m > 0) {
                if (!parse(s.substr(pos, m), im))
                    return malformed();
                pos += m;
            } else {
                im = s[pos] == '-' ? -1.0 : 1.0;
                ++pos;
            }
            if (pos >= s.size() || (s[pos] | 0x20) != 'j')
                return malformed();
            ++pos;
        } else if (pos < s.size() && (s[pos] | 0x20) == 'j') {
            im = x;
            ++pos;
        } else {
            re = x;
        }
    } else {
        // "j", "+j", "-j"
        if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
            im = s[pos] == '-' ? -1.0 : 1.0;
            ++pos;
        } else {
            im = 1.0;
        }
        if (pos >= s.size() || (s[pos] | 0x20) != 'j')
            return malformed();
        ++pos;
    }
    if (pos != s.size())
        return malformed();
    return true;
}

// Converts a constructor argument to a complex (via __complex__) or float; `is_cplx` says
// which. `second` selects the messages for the imag argument.
static bool ctor_arg(VM& vm, Value v, C& out, bool& is_cplx, bool second)
{
    is_cplx = false;
    if (is_complex(v)) {
        Complex* c = complex_unwrap(v);
        out = { c->real, c->imag };
        is_cplx = true;
        return true;
    }
    String* complex_name = intern(vm, "__complex__");
    if (!complex_name)
        return false;
    Value r = call_special0(vm, v, complex_name);
    if (r.is_null())
        return false;
    if (!r.is_not_found()) {
        if (!is_complex(r)) {
            raise_fmt(vm, exc::TypeError, "__complex__ returned non-complex (type %s)", type_name(r));
            return false;
        }
        Complex* c = complex_unwrap(r);
        out = { c->real, c->imag };
        is_cplx = true;
        return true;
    }
    if (is_float(v) || is_int(v) || !type_of(v)->slot(Slot::FLOAT).is_null() || !type_of(v)->slot(Slot::INDEX).is_null()) {
        double d;
        if (!to_double(vm, v, d))
            return false;
        out = { d, 0.0 };
        return true;
    }
    if (second)
        raise_fmt(vm, exc::TypeError, "complex() second argument must be a number, not '%s'", type_name(v));
    else
        raise_fmt(vm, exc::TypeError, "complex() first argument must be a string or a number, not '%s'", type_name(v));
    return false;
}

// complex.__new__(cls, real=0, imag=0)
static Value complex_m_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    TypeObject* cls = numeric_new_cls(vm, types.complex, args, nargs);
    if (!cls)
        return Value::null();
    Value out[2];
    if (!parse_args(vm, "complex", args + 1, nargs - 1, kwnames, { "real", "imag" }, 0, out))
        return Value::null();
    double re = 0.0, im = 0.0;
    Value r = out[0], i = out[1];
    if (!r.is_null() && is_str(r)) {
        if (!i.is_null())
            return raise(vm, exc::TypeError, "complex() can't take second arg if first is a string");
        String* text = as_str(r);
        bool ok = text->is_ascii() ? parse_complex(vm, text->view(), re, im)
                                   : parse_complex(vm, numeric_text_to_ascii(text->view()), re, im);
        if (!ok)
            return Value::null();
    } else {
        if (!i.is_null() && is_str(i))
            return raise(vm, exc::TypeError, "complex() second arg can't be a string");
        if (!r.is_null() && cls == types.complex && i.is_null() && r.is_object() && r.as_object()->type == types.complex)
            return r;
        C cr { 0, 0 }, ci { 0, 0 };
        bool rc = false, ic = false;
        if (!r.is_null() && !ctor_arg(vm, r, cr, rc, false))
            return Value::null();
        if (!i.is_null() && !ctor_arg(vm, i, ci, ic, true))
            return Value::null();
        // (a + bj) + (c + dj) * 1j, as CPython combines them.
        double imag_part = i.is_null() ? cr.im : ci.re;
        if (ic)
            cr.re -= ci.im;
        if (rc && !i.is_null())
            imag_part += cr.im;
        re = cr.re;
        im = imag_part;
    }
    Value v = complex_new(vm, re, im);
    if (cls != types.complex)
        return box_value(vm, cls, v);
    return v;
}

void setup_complex(VM& vm)
{
    TypeObject* t = types.complex;
    t->basicsize = sizeof(Complex);
    add_methods(vm, t, {
        { "__new__", complex_m_new, METH_STATIC },
        { "__repr__", complex_m_repr }, { "__hash__", complex_m_hash }, { "__bool__", complex_m_bool },
        { "__add__", complex_m_add }, { "__radd__", complex_m_add_r },
        { "__sub__", complex_m_sub }, { "__rsub__", complex_m_sub_r },
        { "__mul__", complex_m_mul }, { "__rmul__", complex_m_mul_r },
        { "__truediv__", complex_m_div }, { "__rtruediv__", complex_m_div_r },
        { "__pow__", complex_m_pow }, { "__rpow__", complex_m_pow_r },
        { "__neg__", complex_m_neg }, { "__pos__", complex_m_pos }, { "__abs__", complex_m_abs },
        { "__eq__", complex_m_eq }, { "__ne__", complex_m_ne },
        { "__lt__", complex_m_order }, { "__le__", complex_m_order },
        { "__gt__", complex_m_order }, { "__ge__", complex_m_order },
        { "__format__", complex_m_format }, { "__getnewargs__", complex_m_getnewargs },
        { "__complex__", complex_m_complex }, { "conjugate", complex_m_conjugate },
    });
    add_getsets(vm, t, { { "real", complex_get_real }, { "imag", complex_get_imag } });
}

} // namespace slpy
