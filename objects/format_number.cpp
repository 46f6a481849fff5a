// format_int and format_float: the numeric presentation types of the format-spec
// mini-language, with CPython's padding rules (sign-aware '=' alignment, zero padding
// that extends digit grouping into the padding) and error messages.
#include "objects/float.h"
#include "objects/format_spec.h"
#include "objects/int.h"
#include "objects/str_internal.h"
#include "objects/string.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <string>

namespace slpy {

namespace {

// Inserts `sep` every `interval` digits of `digits` (from the right). When min_width > 0
// the result is left-padded with '0' digits (grouped as well) to at least min_width
// characters, never starting with a separator.
std::string group_digits(std::string const& digits, char sep, size_t interval, size_t min_width)
{
    if (!sep) {
        if (digits.size() >= min_width)
            return digits;
        return std::string(min_width - digits.size(), '0') + digits;
    }
    std::string rev; // built reversed
    size_t remaining = digits.size();
    bool first = true;
    for (;;) {
        if (!first) {
            if (remaining == 0 && rev.size() >= min_width)
                break;
            rev.push_back(sep);
        }
        first = false;
        size_t take = std::min(interval, remaining);
        for (size_t i = 0; i < take; ++i)
            rev.push_back(digits[remaining - 1 - i]);
        remaining -= take;
        if (remaining == 0) {
            // Pad this group with zeros towards min_width (at least one digit per group).
            size_t count = take;
            while (count < interval && (rev.size() < min_width || count == 0)) {
                rev.push_back('0');
                ++count;
            }
            if (rev.size() >= min_width)
                break;
        }
    }
    return std::string(rev.rbegin(), rev.rend());
}

size_t utf8_len(std::string const& s)
{
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80)
            ++n;
    return n;
}

// Assembles sign + prefix + grouped integer digits + rest, padded per the spec.
// `interval` is the grouping interval (3 for decimal, 4 for b/o/x/X).
Value finish_number(VM& vm, FormatSpec const& spec, std::string const& sign, std::string const& prefix,
                    std::string const& intdigits, std::string const& rest, size_t interval)
{
    if (spec.width > 0 && !check_alloc_size(vm, static_cast<uint64_t>(spec.width), 4))
        return Value::null();
    char align = spec.align ? spec.align : (spec.zero_pad ? '=' : '>');
    size_t lead = sign.size() + prefix.size();
    size_t width = spec.width > 0 ? static_cast<size_t>(spec.width) : 0;
    std::string digits;
    if (spec.fill == '0' && align == '=') {
        size_t min_digits = width > lead + rest.size() ? width - lead - rest.size() : 0;
        digits = group_digits(intdigits, spec.grouping, interval, min_digits);
    } else {
        digits = group_digits(intdigits, spec.grouping, interval, 0);
    }
    std::string body = digits + rest;
    size_t len = lead + utf8_len(body);
    if (len >= width)
        return str_value(vm, sign + prefix + body);
    size_t pad = width - len;
    std::string fill;
    utf8_append(fill, spec.fill);
    auto repeat = [&](size_t n) {
        std::string s;
        for (size_t i = 0; i < n; ++i)
            s += fill;
        return s;
    };
    switch (align) {
    case '<': return str_value(vm, sign + prefix + body + repeat(pad));
    case '^': return str_value(vm, repeat(pad / 2) + sign + prefix + body + repeat(pad - pad / 2));
    case '=': return str_value(vm, sign + prefix + repeat(pad) + body);
    default: return str_value(vm, repeat(pad) + sign + prefix + body);
    }
}

std::string sign_string(bool negative, char sign)
{
    if (negative)
        return "-";
    if (sign == '+')
        return "+";
    if (sign == ' ')
        return " ";
    return "";
}

// Formats |d| (finite) with printf-style conversion `conv` ('e', 'f', 'g') and options.
std::string printf_abs(double d, char conv, int precision, bool alternate)
{
    if (!alternate) {
        // std::to_chars gives exactly printf's digits ("as if by printf in the C locale"),
        // several times faster than glibc's printf.
        std::chars_format f = conv == 'f' ? std::chars_format::fixed : conv == 'e' ? std::chars_format::scientific : std::chars_format::general;
        std::string out(static_cast<size_t>(precision) + 400, '\0'); // 1e308 in fixed needs 309 digits
        auto res = std::to_chars(out.data(), out.data() + out.size(), std::fabs(d), f, precision);
        if (res.ec == std::errc()) {
            out.resize(static_cast<size_t>(res.ptr - out.data()));
            return out;
        }
    }
    char fmt[16];
    std::snprintf(fmt, sizeof fmt, "%%%s.*%c", alternate ? "#" : "", conv);
    int n = std::snprintf(nullptr, 0, fmt, precision, std::fabs(d));
    std::string out(static_cast<size_t>(n) + 1, '\0');
    std::snprintf(out.data(), out.size(), fmt, precision, std::fabs(d));
    out.resize(static_cast<size_t>(n));
    return out;
}

// No presentation type with a precision: like 'g', but fixed notation always shows a
// fractional digit, so it switches to exponent form one digit earlier (CPython's
// Py_DTSF_ADD_DOT_0 rule: exponent when decpt > precision - 1).
std::string general_add_dot_0(double x, int precision, bool alternate)
{
    std::string sci = printf_abs(x, 'e', precision - 1, alternate);
    size_t epos = sci.find('e');
    int exp10 = std::atoi(sci.c_str() + epos + 1);
    if (exp10 < -4 || exp10 >= precision - 1) {
        std::string mant = sci.substr(0, epos);
        if (!alternate && mant.find('.') != std::string::npos) {
            while (mant.back() == '0')
                mant.pop_back();
            if (mant.back() == '.')
                mant.pop_back();
        }
        char eb[16];
        std::snprintf(eb, sizeof eb, "e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
        return mant + eb;
    }
    std::string fixed = printf_abs(x, 'f', precision - 1 - exp10, false);
    if (!alternate && fixed.find('.') != std::string::npos) {
        while (fixed.back() == '0')
            fixed.pop_back();
    }
    if (fixed.back() == '.')
        fixed += '0';
    else if (fixed.find('.') == std::string::npos)
        fixed += ".0";
    return fixed;
}

bool has_nonzero_digit(std::string const& s)
{
    for (char c : s) {
        if (c == 'e' || c == 'E')
            break;
        if (c >= '1' && c <= '9')
            return true;
    }
    return false;
}

Value format_float_spec(VM& vm, double d, FormatSpec const& spec, char const* type_name)
{
    char type = spec.type;
    switch (type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%':
        break;
    default:
        return raise_unknown_format_code(vm, spec, type_name);
    }
    if (spec.precision > INT32_MAX)
        return raise(vm, exc::ValueError, "precision too big");
    bool upper = type == 'E' || type == 'F' || type == 'G';
    bool negative = std::signbit(d) && !std::isnan(d);
    std::string num; // the number without sign
    if (std::isnan(d) || std::isinf(d)) {
        num = std::isnan(d) ? "nan" : "inf";
        if (upper)
            for (char& c : num)
                c = static_cast<char>(c - 32);
        if (type == '%')
            num += '%';
    } else {
        double x = type == '%' ? d * 100.0 : d;
        int precision = spec.precision < 0 ? 6 : static_cast<int>(spec.precision);
        switch (type) {
        case 0:
            if (spec.precision < 0) {
                num = float_repr_string(std::fabs(x));
                // '#' keeps the decimal point in the exponent form too ('1.e+16').
                size_t epos = num.find('e');
                if (spec.alternate && epos != std::string::npos && num.find('.') == std::string::npos)
                    num.insert(epos, ".");
            } else {
                num = general_add_dot_0(x, precision == 0 ? 1 : precision, spec.alternate);
            }
            break;
        case 'e': case 'E': num = printf_abs(x, 'e', precision, spec.alternate); break;
        case 'f': case 'F': case '%': num = printf_abs(x, 'f', precision, spec.alternate); break;
        default: num = printf_abs(x, 'g', precision == 0 ? 1 : precision, spec.alternate); break;
        }
        if (upper)
            for (char& c : num)
                if (c == 'e')
                    c = 'E';
        if (negative && spec.no_neg_zero && !has_nonzero_digit(num))
            negative = false;
        if (type == '%')
            num += '%';
    }
    // Split into the integer digits (grouped) and the rest.
    size_t split = 0;
    while (split < num.size() && num[split] >= '0' && num[split] <= '9')
        ++split;
    std::string intdigits = num.substr(0, split);
    std::string rest = num.substr(split);
    if (intdigits.empty()) { // inf / nan: no grouping, but zero padding still applies
        FormatSpec s = spec;
        s.grouping = 0;
        return finish_number(vm, s, sign_string(negative, spec.sign), "", "", num, 3);
    }
    return finish_number(vm, spec, sign_string(negative, spec.sign), "", intdigits, rest, 3);
}

} // namespace

Value format_int(VM& vm, Value i, std::string_view spec_text, char const* type_name)
{
    FormatSpec spec;
    if (!parse_format_spec(vm, spec_text, spec, 'd', type_name))
        return Value::null();
    i = int_unwrap(i);
    switch (spec.type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
        double d;
        if (!int_to_double(vm, i, d))
            return Value::null();
        return format_float_spec(vm, d, spec, type_name);
    }
    case 'd': case 'n': case 'b': case 'o': case 'x': case 'X': case 'c':
        break;
    default:
        return raise_unknown_format_code(vm, spec, type_name);
    }
    if (spec.precision >= 0)
        return raise(vm, exc::ValueError, "Precision not allowed in integer format specifier");
    if (spec.no_neg_zero)
        return raise(vm, exc::ValueError, "Negative zero coercion (z) not allowed in integer format specifier");
    bool negative = int_sign(i) < 0;
    std::string prefix, digits;
    size_t interval = 3;
    if (spec.type == 'c') {
        if (spec.sign)
            return raise(vm, exc::ValueError, "Sign not allowed with integer format specifier 'c'");
        if (spec.alternate)
            return raise(vm, exc::ValueError, "Alternate form (#) not allowed with integer format specifier 'c'");
        int64_t cp;
        if (!int_to_i64(i, cp))
            return raise(vm, exc::OverflowError, "Python int too large to convert to C long");
        if (cp < 0 || cp > 0x10FFFF)
            return raise(vm, exc::OverflowError, "%c arg not in range(0x110000)");
        std::string ch;
        utf8_append(ch, static_cast<uint32_t>(cp));
        FormatSpec s = spec;
        s.grouping = 0;
        return finish_number(vm, s, "", "", "", ch, 3);
    }
    int base = 10;
    switch (spec.type) {
    case 'b': base = 2; prefix = "0b"; interval = 4; break;
    case 'o': base = 8; prefix = "0o"; interval = 4; break;
    case 'x': base = 16; prefix = "0x"; interval = 4; break;
    case 'X': base = 16; prefix = "0X"; interval = 4; break;
    default: break;
    }
    if (!spec.alternate)
        prefix.clear();
    if (base == 10) {
        if (!int_check_str_digits(vm, i))
            return Value::null();
        digits = int_to_decimal(i);
        if (negative)
            digits.erase(0, 1);
    } else {
        MpzView z(i);
        Mpz a;
        mpz_abs(a, z);
        digits.assign(mpz_sizeinbase(a, base) + 2, '\0');
        mpz_get_str(digits.data(), base, a);
        digits.resize(std::char_traits<char>::length(digits.c_str()));
        if (spec.type == 'X')
            for (char& c : digits)
                if (c >= 'a' && c <= 'f')
                    c = static_cast<char>(c - 32);
    }
    return finish_number(vm, spec, sign_string(negative, spec.sign), prefix, digits, "", interval);
}

Value format_float(VM& vm, double d, std::string_view spec_text, char const* type_name)
{
    FormatSpec spec;
    if (!parse_format_spec(vm, spec_text, spec, 0, type_name))
        return Value::null();
    return format_float_spec(vm, d, spec, type_name);
}

} // namespace slpy
