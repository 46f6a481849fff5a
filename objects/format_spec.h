// The format specification mini-language ([[fill]align][sign][z][#][0][width][grouping][.precision][type])
// shared by str.__format__, int.__format__, float.__format__ and format().
#pragma once

#include "objects/runtime.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace slpy {

struct FormatSpec {
    uint32_t fill = ' ';
    char align = 0;       // '<', '>', '^', '=' or 0 (default for the type)
    char sign = 0;        // '+', '-', ' ' or 0
    bool no_neg_zero = false; // 'z'
    bool alternate = false;   // '#'
    bool zero_pad = false;    // '0' before the width (fill was not given): fill is '0';
                              // numbers treat it as align '=' when align == 0
    int64_t width = -1;
    char grouping = 0;    // ',' or '_' or 0
    int64_t precision = -1;
    char type = 0;        // presentation type or 0; kNonAsciiType when not ASCII
    uint32_t type_cp = 0; // the presentation type as a code point (0 when absent)
};
inline constexpr char kNonAsciiType = '\x01';

// Parses a spec; raises ValueError with CPython's messages ("Invalid format specifier",
// "Format specifier missing precision", "Cannot specify both ',' and '_'.", "Cannot
// specify ',' with 's'.", "Too many decimal digits in format string").
// `default_type` ('s' for str, 'd' for int, 0 for float) is stored in out.type when the
// spec has none and takes part in the grouping check, as in CPython. `type_name`
// (e.g. "str") completes the "Invalid format specifier 'spec' for object of type 'str'"
// message when given.
bool parse_format_spec(VM& vm, std::string_view spec, FormatSpec& out, char default_type = 0,
                       char const* type_name = nullptr);
// Raises ValueError "Unknown format code 'x' for object of type 'T'" for spec.type_cp.
Value raise_unknown_format_code(VM& vm, FormatSpec const& spec, char const* type_name);
// Pads `body` (UTF-8, `body_len` code points) to spec.width using fill and align
// (default_align when spec.align == 0). '=' pads like '>' (callers that support '='
// split off the sign themselves).
std::string format_pad(std::string_view body, size_t body_len, FormatSpec const& spec, char default_align);

// __format__ of the built-in types (self already unwrapped).
Value format_str(VM& vm, String* s, std::string_view spec, char const* type_name = "str");
// type_name: the formatted object's type for error messages ("bool" for True, a subclass's
// name), as CPython words "Unknown format code 's' for object of type 'bool'".
Value format_int(VM& vm, Value i, std::string_view spec, char const* type_name = "int");
Value format_float(VM& vm, double d, std::string_view spec, char const* type_name = "float");

} // namespace slpy
