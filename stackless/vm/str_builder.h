// `x += s` on a str local without copying x each time (CPython appends in place when the
// local holds the only reference; slpy has no reference counts, so it proves the same
// thing another way).
//
// When a `x += s` (BINARY_OP +=, then STORE_FAST x) makes a long string, the result is a
// *builder*: a str with spare capacity, marked in String::flags with the local slot it
// was made for and a count of the loads of it since it was made or last appended to.
// Every LOAD_FAST of that slot in the code is rewritten to LOAD_FAST__STR_BUILDER, which
// counts, and the BINARY_OP's cache unit is marked (so a site in code whose loads do not
// count never appends in place). When a builder is made or appended to, the result is its
// only reference, and it goes into the slot. A slot's value can only reach anything else
// through a load of the slot (or through the frame's locals snapshot, which marks the
// string as escaped), so a builder that a marked `x += s` finds in slot x with exactly one
// load (the one of `x += s` itself) is referenced by nothing but the local and the
// operand: it is appended to in place. Anything else (more loads, another slot, too
// little room) gets a new string.
//
// String::flags bits used here (bits 0-1 are STR_ASCII and STR_INTERNED, objects/string.h):
// bit 2 builder, bits 3-4 the load count (saturating at 2), bits 8-31 the owning slot.
// The capacity (bytes for text, its NUL and this word) is stored right after the NUL,
// where no reader of the string looks.
#pragma once

#include "objects/runtime.h"
#include "objects/string.h"
#include "stackless/vm/code.h"

namespace slpy {

inline constexpr uint32_t kStrBuilder = 1u << 2;
inline constexpr uint32_t kStrBuilderLoad = 1u << 3;
inline constexpr uint32_t kStrBuilderLoadMask = 3u << 3;
inline constexpr uint32_t kStrBuilderSlotShift = 8;

// The load counted by LOAD_FAST__STR_BUILDER (v: the loaded value).
inline void str_builder_count_load(Value v)
{
    if (v.is_object() && v.as_object()->type == types.str) {
        uint32_t& fl = v.as_object()->flags;
        if ((fl & kStrBuilder) && (fl & kStrBuilderLoadMask) < 2 * kStrBuilderLoad)
            fl += kStrBuilderLoad;
    }
}

// Marks v (when it is a builder) as referenced from elsewhere: never appended to again.
inline void str_builder_escape(Value v)
{
    if (v.is_object() && v.as_object()->type == types.str) {
        uint32_t& fl = v.as_object()->flags;
        if (fl & kStrBuilder)
            fl = (fl & ~kStrBuilderLoadMask) | 2 * kStrBuilderLoad;
    }
}

// a + b for `x += b` where local `slot` of a frame running `code` holds a (exact strs);
// `site_cache` is the cache unit of the BINARY_OP. a itself, appended to, when the rules
// above allow; else a new string (a builder when it is long). Null with MemoryError
// pending when out of memory.
[[nodiscard]] String* str_builder_append(VM& vm, Code* code, CodeWord* site_cache, String* a, String* b, uint32_t slot);

} // namespace slpy
