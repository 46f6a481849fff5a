// The single-byte codecs (generated into codecs_charmap_data.cpp by
// codecs_charmap_gen.py), used by objects/codecs.cpp.
#pragma once

#include <cstddef>
#include <cstdint>

namespace slpy {

struct Charmap {
    char const* name;    // CPython's codec module name ("cp1252", "iso8859_15", ...)
    uint16_t table[256]; // byte -> code point; 0xFFFE: undefined
};

struct CharmapName {
    char const* name; // normalized: lower case, '-' and ' ' as '_'
    uint16_t charmap; // index into k_charmaps
};

extern Charmap const k_charmaps[];
extern size_t const k_charmap_count;
extern CharmapName const k_charmap_names[];
extern size_t const k_charmap_name_count;

constexpr uint16_t k_charmap_undefined = 0xFFFE;

} // namespace slpy
