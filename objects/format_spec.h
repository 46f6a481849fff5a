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
    bool zero_pad = false;    // '0'
    int64_t width = -1;
    char grouping = 0;    // ',' or '_' or 0
    int64_t precision = -1;
    char type = 0;        // presentation type or 0
};

// Parses a spec; raises ValueError with CPython's messages ("Invalid format specifier").
bool parse_format_spec(VM& vm, std::string_view spec, FormatSpec& out);
// Pads `body` (UTF-8, `body_len` code points) to spec.width using fill and align
// (default_align when spec.align == 0).
std::string format_pad(std::string_view body, size_t body_len, FormatSpec const& spec, char default_align);

// __format__ of the built-in types (self already unwrapped).
Value format_str(VM& vm, String* s, std::string_view spec);
Value format_int(VM& vm, Value i, std::string_view spec);
Value format_float(VM& vm, double d, std::string_view spec);

} // namespace slpy
