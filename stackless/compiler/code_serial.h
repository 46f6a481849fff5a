// The code-object serializer: a CodeUnit (and its nested units and constants) to bytes and
// back. One format, used by the bytecode cache (stackless/imports/pycache.cpp) and
// marshal.dumps/loads of code objects; later by pickling of code.
//
// The reader treats its input as hostile: every length is checked against the bytes
// left, nesting is bounded, and a checksum over the body must match. What it returns is
// only well-formed as data: load_code()'s verifier still checks it before it can run.
#pragma once

#include "stackless/compiler/code_unit.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace slpy::compiler {

// Bump with any change to the layout below (or to what a CodeUnit holds).
inline constexpr uint32_t kCodeFormatVersion = 2;

namespace detail {
inline constexpr uint64_t kFnvOffset = 1469598103934665603ull;
// 64-bit FNV-1a.
constexpr uint64_t fnv1a(std::string_view s, uint64_t h)
{
    for (char c : s) {
        h ^= uint8_t(c);
        h *= 1099511628211ull;
    }
    return h;
}
} // namespace detail

// A hash of the instruction table (names, operand kinds, cache sizes, flags, in order):
// code serialized by a build with another instruction set is refused, even when the
// format version was not bumped. Computed at compile time.
constexpr uint64_t instruction_set_hash()
{
    uint64_t h = detail::kFnvOffset;
    for (OpInfo const& op : kOpInfo) {
        h = detail::fnv1a(op.name, h);
        char const extra[4] = { ';', char(op.operand), char(op.cache_units), char(op.flags) };
        h = detail::fnv1a(std::string_view(extra, 4), h);
    }
    return h;
}

// The 2-byte number of the bytecode cache's magic (stackless/imports/pycache.cpp, and so
// importlib's MAGIC_NUMBER): the format version and the instruction set folded into
// 0x7000..0x7fff, a range no CPython magic ever used (1.x/2.x: 20121..62211 outside it,
// 3.x: 3000..3600-ish), so a cache written by a build with another instruction set is
// refused by its magic alone, before anyone unmarshals it.
constexpr uint16_t code_cache_magic()
{
    uint64_t h = instruction_set_hash() ^ (uint64_t(kCodeFormatVersion) * 0x9e3779b97f4a7c15ull);
    uint32_t folded = uint32_t(h ^ (h >> 12) ^ (h >> 24) ^ (h >> 36) ^ (h >> 48));
    return uint16_t(0x7000 | (folded & 0xfff));
}

// The serialized form: "SLPC", the format version, a hash of the instruction table
// (stackless/vm/opcodes.def), the unit, a 64-bit FNV-1a checksum of everything before it.
std::string serialize_code(CodeUnit const& unit);

// The unit, or nullptr (with a reason in *error when given) for anything malformed.
std::shared_ptr<CodeUnit> deserialize_code(std::string_view data, std::string* error = nullptr);
// The same for serialized code at the start of `data` (the form is self-delimiting);
// *consumed gets its length.
std::shared_ptr<CodeUnit> deserialize_code_prefix(std::string_view data, size_t* consumed, std::string* error = nullptr);

} // namespace slpy::compiler
