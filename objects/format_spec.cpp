// The format specification mini-language: parsing (shared with int/float formatting in
// objects/format_number.cpp), padding, and str.__format__.
//
// Follows CPython 3.11's Python/formatter_unicode.c: the same grammar, the same order of
// checks and the same ValueError messages.
#include "objects/format_spec.h"

#include "objects/str_internal.h"
#include "objects/string.h"

#include <cstdio>

namespace slpy {

namespace {

bool is_align_char(uint32_t c)
{
    return c == '<' || c == '>' || c == '^' || c == '=';
}

// Reads decimal digits at spec[pos...]; returns the number of digits consumed, or -1 with
// ValueError pending when the number does not fit.
int64_t read_integer(VM& vm, std::string_view spec, size_t& pos, int64_t& out)
{
    int64_t n = 0;
    int64_t digits = 0;
    while (pos < spec.size() && spec[pos] >= '0' && spec[pos] <= '9') {
        int d = spec[pos] - '0';
        if (n > (INT64_MAX - d) / 10) {
            (void)raise(vm, exc::ValueError, "Too many decimal digits in format string");
            return -1;
        }
        n = n * 10 + d;
        ++pos;
        ++digits;
    }
    if (digits)
        out = n;
    return digits;
}

// Decodes the code point at spec[pos] (spec is valid UTF-8).
uint32_t code_point_at(std::string_view spec, size_t pos, size_t& next)
{
    next = pos;
    return utf8_decode(spec, next);
}

std::string describe_code(uint32_t cp)
{
    char buf[32];
    if (cp > 32 && cp < 128)
        std::snprintf(buf, sizeof buf, "%c", static_cast<char>(cp));
    else
        std::snprintf(buf, sizeof buf, "\\x%x", cp);
    return buf;
}

} // namespace

bool parse_format_spec(VM& vm, std::string_view spec, FormatSpec& out, char default_type, char const* type_name)
{
    out = FormatSpec();
    size_t pos = 0;
    size_t const end = spec.size();
    bool fill_given = false;
    bool align_given = false;

    // [[fill]align]
    if (end > 0) {
        size_t after_first;
        uint32_t first = code_point_at(spec, 0, after_first);
        if (after_first < end && is_align_char(static_cast<unsigned char>(spec[after_first]))) {
            out.fill = first;
            out.align = spec[after_first];
            fill_given = align_given = true;
            pos = after_first + 1;
        } else if (is_align_char(first)) {
            out.align = static_cast<char>(first);
            align_given = true;
            pos = 1;
        }
    }
    (void)align_given;
    // [sign]
    if (pos < end && (spec[pos] == '+' || spec[pos] == '-' || spec[pos] == ' '))
        out.sign = spec[pos++];
    // [z]
    if (pos < end && spec[pos] == 'z') {
        out.no_neg_zero = true;
        ++pos;
    }
    // [#]
    if (pos < end && spec[pos] == '#') {
        out.alternate = true;
        ++pos;
    }
    // [0]: zero padding, only when no fill was given
    if (!fill_given && pos < end && spec[pos] == '0') {
        out.fill = '0';
        out.zero_pad = true;
        ++pos;
    }
    // [width]
    if (read_integer(vm, spec, pos, out.width) < 0)
        return false;
    // [grouping]
    if (pos < end && spec[pos] == ',') {
        out.grouping = ',';
        ++pos;
    }
    if (pos < end && spec[pos] == '_') {
        if (out.grouping) {
            (void)raise(vm, exc::ValueError, "Cannot specify both ',' and '_'.");
            return false;
        }
        out.grouping = '_';
        ++pos;
    }
    if (pos < end && spec[pos] == ',' && out.grouping == '_') {
        (void)raise(vm, exc::ValueError, "Cannot specify both ',' and '_'.");
        return false;
    }
    // [.precision]
    if (pos < end && spec[pos] == '.') {
        ++pos;
        int64_t digits = read_integer(vm, spec, pos, out.precision);
        if (digits < 0)
            return false;
        if (digits == 0) {
            (void)raise(vm, exc::ValueError, "Format specifier missing precision");
            return false;
        }
    }
    // [type]: at most one code point remains
    if (pos < end) {
        size_t next;
        uint32_t cp = code_point_at(spec, pos, next);
        if (next < end) {
            if (type_name)
                (void)raise_fmt(vm, exc::ValueError, "Invalid format specifier '%.*s' for object of type '%s'",
                          static_cast<int>(spec.size()), spec.data(), type_name);
            else
                (void)raise(vm, exc::ValueError, "Invalid format specifier");
            return false;
        }
        out.type_cp = cp;
        out.type = cp < 128 ? static_cast<char>(cp) : kNonAsciiType;
    } else if (default_type) {
        out.type = default_type;
        out.type_cp = static_cast<unsigned char>(default_type);
    }
    // The grouping check depends on the presentation type (PEP 378, PEP 515).
    if (out.grouping) {
        switch (out.type) {
        case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
            break;
        case 'b': case 'o': case 'x': case 'X':
            if (out.grouping == '_')
                break;
            [[fallthrough]];
        default: {
            std::string code = describe_code(out.type_cp);
            (void)raise_fmt(vm, exc::ValueError, "Cannot specify '%c' with '%s'.", out.grouping, code.c_str());
            return false;
        }
        }
    }
    return true;
}

Value raise_unknown_format_code(VM& vm, FormatSpec const& spec, char const* type_name)
{
    std::string code = describe_code(spec.type_cp ? spec.type_cp : static_cast<unsigned char>(spec.type));
    return raise_fmt(vm, exc::ValueError, "Unknown format code '%s' for object of type '%s'", code.c_str(), type_name);
}

std::string format_pad(std::string_view body, size_t body_len, FormatSpec const& spec, char default_align)
{
    if (spec.width <= 0 || static_cast<size_t>(spec.width) <= body_len)
        return std::string(body);
    size_t total = static_cast<size_t>(spec.width) - body_len;
    char align = spec.align ? spec.align : default_align;
    size_t left = 0;
    if (align == '>' || align == '=')
        left = total;
    else if (align == '^')
        left = total / 2;
    size_t right = total - left;
    std::string fill;
    utf8_append(fill, spec.fill);
    std::string out;
    out.reserve(body.size() + total * fill.size());
    if (fill.size() == 1) {
        out.append(left, fill[0]);
        out.append(body);
        out.append(right, fill[0]);
    } else {
        for (size_t i = 0; i < left; ++i)
            out += fill;
        out.append(body);
        for (size_t i = 0; i < right; ++i)
            out += fill;
    }
    return out;
}

Value format_str(VM& vm, String* s, std::string_view spec_text, char const* type_name)
{
    if (spec_text.empty())
        return Value::from_object(s);
    FormatSpec spec;
    if (!parse_format_spec(vm, spec_text, spec, 's', type_name))
        return Value::null();
    if (spec.type != 's')
        return raise_unknown_format_code(vm, spec, type_name);
    if (spec.sign == ' ')
        return raise(vm, exc::ValueError, "Space not allowed in string format specifier");
    if (spec.sign)
        return raise(vm, exc::ValueError, "Sign not allowed in string format specifier");
    if (spec.no_neg_zero)
        return raise(vm, exc::ValueError, "Negative zero coercion (z) not allowed in string format specifier");
    if (spec.alternate)
        return raise(vm, exc::ValueError, "Alternate form (#) not allowed in string format specifier");
    if (spec.align == '=')
        return raise(vm, exc::ValueError, "'=' alignment not allowed in string format specifier");

    std::string_view body = s->view();
    size_t len = s->length;
    if (spec.precision >= 0 && static_cast<size_t>(spec.precision) < len) {
        len = static_cast<size_t>(spec.precision);
        body = body.substr(0, str_byte_offset(s, len));
    }
    if ((spec.width < 0 || static_cast<size_t>(spec.width) <= len) && body.size() == s->byte_length)
        return Value::from_object(s);
    if (spec.width > 0 && !check_alloc_size(vm, static_cast<uint64_t>(spec.width), 4))
        return Value::null();
    return str_value(vm, format_pad(body, len, spec, '<'));
}

} // namespace slpy
