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
inline constexpr uint32_t kCodeFormatVersion = 1;

// The serialized form: "SLPC", the format version, a hash of the instruction table
// (stackless/vm/opcodes.def), the unit, a 64-bit FNV-1a checksum of everything before it.
std::string serialize_code(CodeUnit const& unit);

// The unit, or nullptr (with a reason in *error when given) for anything malformed.
std::shared_ptr<CodeUnit> deserialize_code(std::string_view data, std::string* error = nullptr);
// The same for serialized code at the start of `data` (the form is self-delimiting);
// *consumed gets its length.
std::shared_ptr<CodeUnit> deserialize_code_prefix(std::string_view data, size_t* consumed, std::string* error = nullptr);

} // namespace slpy::compiler
