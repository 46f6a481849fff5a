// Text disassembly of a CodeUnit in the layout of CPython 3.11's `dis.dis` (line number
// column, `>>` jump-target marks, offset = 2 * unit index, padded opname, argument and
// its meaning; CACHE units hidden), followed by the exception table, then the same for
// every nested code object.
#pragma once

#include "stackless/compiler/code_unit.h"

#include <string>

namespace slpy::compiler {

std::string dump_code(CodeUnit const& code, bool recursive = true);
// Python repr() of a constant as dis shows it (code objects without their address).
std::string const_repr(ConstValue const& value);

} // namespace slpy::compiler
