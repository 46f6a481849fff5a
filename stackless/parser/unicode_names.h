// Lookup of Unicode character names for "\N{...}" string escapes (a subset of the
// Unicode database, see unicode_names.cpp).
#pragma once

#include <cstdint>
#include <string_view>

namespace slpy::parser {

// Finds the code point named `name` (case-insensitive). Returns false if the name is not
// in slpy's table.
bool lookup_unicode_name(std::string_view name, uint32_t& cp);

} // namespace slpy::parser
